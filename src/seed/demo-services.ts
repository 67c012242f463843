/**
 * The demo's 办事服务: offices (科室), approved service guides with their booking rules, a window
 * clerk of 民政科, and a few appointments of the demo resident (the emulator's first follower of the
 * default account, the one its web authorisation answers) in different steps, so 微·指南, 我的预约,
 * 今日预约 and the board show something on a fresh start.
 */
import type { Payload, RequiredDataFromCollectionSlug } from 'payload'
import { generatedOpenid } from '../dev/emulator/state'
import { findDefaultAccount } from '../services/accounts/accounts'
import { bookAppointment, openSlots } from '../services/appointments/book'
import { takeMatterStep, type StepActor } from '../services/appointments/steps'
import { REVIEW_TRANSITION_CONTEXT } from '../services/review/hooks'
import type { StaffUser } from '../access/roles'

const WEEKDAY_HOURS = (['1', '2', '3', '4', '5'] as const).flatMap((weekday) => [
  { weekday, start: '09:00', end: '11:30' },
  { weekday, start: '14:00', end: '17:00' },
])

const OFFICES = [
  { key: 'civil', name: '民政科', place: '街道便民服务中心一楼 3 号窗口', phone: '029-88861203' },
  { key: 'social', name: '社会保障科', place: '街道便民服务中心一楼 5 号窗口', phone: '029-88861205' },
] as const

type OfficeKey = (typeof OFFICES)[number]['key']

/** The service centre's hours (as the booking rules below) and its 监督投诉 line, the same for every guide. */
const OPENING_HOURS = '周一至周五 9:00–11:30，14:00–17:00（法定节假日除外）'
const COMPLAINT_PHONE = '029-88861000'

/** A guide's own text; the office, its place and phone and the review fields are filled in below. */
type GuideText = Omit<RequiredDataFromCollectionSlug<'service-guides'>, 'office' | 'reviewStatus' | 'approvedAt' | 'approvedBy'>

const GUIDES: { office: OfficeKey; data: GuideText }[] = [
  {
    office: 'civil',
    data: {
      title: '高龄老人生活补贴申领',
      code: 'XA-MZ-0101',
      legalBasis: '《陕西省老年人权益保障条例》；《西安市高龄老人生活补贴发放管理办法》',
      conditions: '具有本街道户籍、年满 80 周岁的老年人，由本人或家属申请',
      materials: [
        { name: '居民身份证', form: 'original-and-copy', copies: 1, notes: '老人本人的' },
        { name: '户口簿', form: 'original-and-copy', copies: 1 },
        { name: '本人银行卡（社保卡）', form: 'copy', copies: 1, notes: '补贴按月发放到此卡' },
        { name: '代办人身份证', form: 'original', copies: 1, notes: '家属代办时提供' },
      ],
      steps: [
        { title: '窗口受理', description: '核对材料，当场受理' },
        { title: '社区入户核实', description: '社区工作人员 3 个工作日内上门核实' },
        { title: '审核发放', description: '审核通过后次月起按月发放' },
      ],
      timeLimitDays: 10,
      fee: '不收费',
      openingHours: OPENING_HOURS,
      complaintPhone: COMPLAINT_PHONE,
      bookable: true,
      bookingNeedsIdNumber: true,
      faq: [{ question: '老人行动不便，家属可以代办吗？', answer: '可以，请带上老人和代办人的身份证。' }],
    },
  },
  {
    office: 'civil',
    data: {
      title: '居住证明开具',
      code: 'XA-MZ-0205',
      legalBasis: '《居住证暂行条例》',
      conditions: '在本街道居住的居民',
      materials: [
        { name: '居民身份证', form: 'original', copies: 1 },
        { name: '房屋产权证明或租赁合同', form: 'original-and-copy', copies: 1 },
      ],
      steps: [{ title: '窗口受理' }, { title: '社区核实' }, { title: '出具证明' }],
      timeLimitDays: 3,
      fee: '不收费',
      openingHours: OPENING_HOURS,
      complaintPhone: COMPLAINT_PHONE,
      bookable: true,
      faq: [{ question: '当天能拿到证明吗？', answer: '材料齐全时一般 3 个工作日内出具，我们会通过公众号通知您。' }],
    },
  },
  {
    office: 'social',
    data: {
      title: '城乡居民基本医疗保险参保登记',
      code: 'XA-SB-0301',
      legalBasis: '《中华人民共和国社会保险法》第二十五条',
      conditions: '本街道户籍或持本市居住证、未参加职工医保的城乡居民',
      materials: [
        { name: '居民身份证或户口簿', form: 'original', copies: 1 },
        { name: '居住证', form: 'original', copies: 1, notes: '非本市户籍时提供' },
      ],
      steps: [{ title: '窗口登记' }, { title: '缴费', description: '通过陕西税务 App 或银行缴纳' }],
      timeLimitDays: 0,
      fee: '不收费（保费按当年标准另行缴纳）',
      openingHours: OPENING_HOURS,
      complaintPhone: COMPLAINT_PHONE,
      bookable: true,
      fullyOnline: false,
    },
  },
  {
    office: 'social',
    data: {
      title: '灵活就业人员社保补贴咨询',
      code: 'XA-SB-0410',
      conditions: '就业困难人员以灵活就业方式就业并缴纳社会保险的',
      materials: [{ name: '居民身份证', form: 'original', copies: 1 }],
      steps: [{ title: '电话或窗口咨询' }],
      timeLimitDays: 0,
      fee: '不收费',
      openingHours: OPENING_HOURS,
      complaintPhone: COMPLAINT_PHONE,
      bookable: false,
      fullyOnline: true,
    },
  },
]

/** The demo's window clerk (staff of 民政科), added to the demo accounts. */
export const DEMO_CLERK = { email: 'clerk@demo.local', name: '演示窗口人员（民政科）' }

/**
 * Creates the demo's offices, guides, booking rules and the clerk (password `password`), and books
 * a few appointments for the demo resident when the calendar gives slots today (none are invented
 * otherwise). `leaderId` approves the guides; the clerk is an editor of `communityId` too.
 */
export async function seedDemoServices(payload: Payload, leaderId: string, password: string, communityId: string): Promise<void> {
  const officeIds = {} as Record<OfficeKey, string>
  for (const office of OFFICES) {
    const created = await payload.create({ collection: 'offices', overrideAccess: true, data: { name: office.name, place: office.place, phone: office.phone } })
    officeIds[office.key] = String(created.id)
    await payload.create({
      collection: 'booking-rules',
      overrideAccess: true,
      data: { name: `${office.name}窗口`, office: created.id, weekly: WEEKDAY_HOURS, capacity: 3 },
    })
  }
  const guideIds: string[] = []
  const approvedAt = new Date().toISOString()
  for (const guide of GUIDES) {
    const office = OFFICES.find((entry) => entry.key === guide.office)!
    const created = await payload.create({
      collection: 'service-guides',
      overrideAccess: true,
      context: { [REVIEW_TRANSITION_CONTEXT]: true },
      // Place and phone for questions are the office's own.
      data: {
        place: office.place,
        consultPhone: office.phone,
        ...guide.data,
        office: officeIds[guide.office],
        reviewStatus: 'approved',
        approvedAt,
        approvedBy: leaderId,
      },
    })
    guideIds.push(String(created.id))
  }
  const clerk = await payload.create({
    collection: 'users',
    overrideAccess: true,
    // An editor of 西关社区 who also serves at 民政科's window (office staff keep their role; see the issue note).
    data: {
      email: DEMO_CLERK.email,
      password,
      name: DEMO_CLERK.name,
      role: 'editor',
      community: communityId,
      offices: [officeIds.civil],
      active: true,
    },
  })

  // The clerk heads 民政科 too: its 差评整改 items are assigned to them (好差评).
  await payload.update({ collection: 'offices', id: officeIds.civil, overrideAccess: true, data: { head: clerk.id } })

  // The demo resident: who the emulator's web authorisation answers for the default account.
  const account = await findDefaultAccount(payload)
  if (!account) return
  const openid = generatedOpenid(account.appId, 0)
  const staff: StepActor = { kind: 'staff', user: { ...clerk, collection: 'users' } as unknown as StaffUser }
  const { slots } = await openSlots(payload, guideIds[1]!, Date.now())
  const [first, second] = slots.filter((slot) => slot.free > 0)
  if (!first || !second) return
  const resident = { name: '王建国', mobile: '13991234567' }
  // One booking ahead, and one already at the 需补正 step, as a matter followed over days looks.
  await bookAppointment(
    payload,
    { guideId: guideIds[1]!, slotKey: second.key, ...resident },
    { kind: 'resident', openid, accountId: String(account.id) },
    Date.now(),
    {
      notify: false,
    },
  )
  const earlier = await bookAppointment(
    payload,
    { guideId: guideIds[0]!, slotKey: (await openSlots(payload, guideIds[0]!, Date.now())).slots[0]!.key, ...resident, idNumber: '61010319500101123X' },
    { kind: 'staff', user: (staff as { user: StaffUser }).user, openid },
    Date.now(),
    { notify: false },
  )
  for (const [action, note] of [
    ['check_in', undefined],
    ['accept', '材料齐全，已受理'],
    ['start', undefined],
    ['request_more', '请补交老人近期一寸免冠照片 1 张'],
  ] as const) {
    await takeMatterStep(payload, earlier.id, action, staff, note)
  }
}
