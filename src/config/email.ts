import nodemailer, { type SendMailOptions } from 'nodemailer'
import type { EmailAdapter } from 'payload'

const fromAddress = () => process.env.SMTP_FROM ?? 'no-reply@street-office.local'
const fromName = () => process.env.SMTP_FROM_NAME ?? '街道办微信服务号'

/**
 * Sends through SMTP when `SMTP_HOST` is set, otherwise writes the message to the log
 * so that a demo or development run shows what would have been sent.
 */
export const emailAdapter: EmailAdapter = ({ payload }) => {
  const host = process.env.SMTP_HOST
  const transport = host
    ? nodemailer.createTransport({
        host,
        port: Number(process.env.SMTP_PORT ?? 465),
        secure: (process.env.SMTP_SECURE ?? 'true') !== 'false',
        auth: process.env.SMTP_USER ? { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS } : undefined,
      })
    : null
  return {
    name: transport ? 'smtp' : 'console',
    defaultFromAddress: fromAddress(),
    defaultFromName: fromName(),
    sendEmail: async (message) => {
      if (transport) return transport.sendMail({ from: `"${fromName()}" <${fromAddress()}>`, ...message } as SendMailOptions)
      payload.logger.info({ msg: '邮件（未配置 SMTP，仅记录）', to: message.to, subject: message.subject, text: message.text })
      return undefined
    },
  }
}
