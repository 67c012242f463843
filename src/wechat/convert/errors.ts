/** A problem that stops one content item from becoming a WeChat article, worded for the editor. */
export class WeChatConversionError extends Error {
  constructor(
    message: string,
    /** The item's title, as named in the message. */
    readonly itemTitle: string,
    /** The field at fault: body, cover, title, … */
    readonly field: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'WeChatConversionError'
  }
}
