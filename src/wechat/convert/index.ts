/** Payload content → WeChat article: HTML conversion, image uploads (cached), cover thumb. */
export { buildWeChatArticle, type ArticleSource, type BuildArticleOptions, type WeChatArticle } from './article'
export { renderLexicalToWeChatHtml, TEXT_FORMAT, type ImageReference, type LexicalNode, type RenderOptions, type RenderResult, type ResolvedImage } from './render'
export { WeChatConversionError } from './errors'
export { UploadCache, sha256, type ImageUploader } from './upload-cache'
export { inlineImageBytes, thumbBytes, INLINE_MAX_BYTES, THUMB_MAX_BYTES } from './images'
export { classifyLink } from './links'
