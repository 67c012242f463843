/** Payload content → WeChat article: HTML conversion, image uploads (cached), cover thumb. */
export { buildWeChatArticle } from './article'
export { renderLexicalToWeChatHtml, TEXT_FORMAT, type ImageReference, type LexicalNode, type RenderOptions } from './render'
export { WeChatConversionError } from './errors'
