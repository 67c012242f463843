import type { Field, FieldHook, PayloadRequest, RelationshipField } from 'payload'
import { idOf } from '../access/roles'

/**
 * Users by name wherever a document shows one. A role may read a document that names someone whose
 * account it may not read (an editor's item approved by the leader; a push signed off by the leader;
 * a reply written by a colleague): Payload's relationship field then labels them 「无标题 - ID: …」.
 * Each read-only relationship to `users` gets a sibling, not stored field `<name>Name` holding only
 * the display name, looked up on the server; the relationship keeps its value and its access rules,
 * and is displayed through that name (users/UserName.tsx).
 */
const nameFieldOf = (relationship: string) => `${relationship}Name`

const nobody = () => false

async function userName(req: PayloadRequest, id: string): Promise<string> {
  const cache = ((req.context as { userNames?: Map<string, Promise<string>> }).userNames ??= new Map())
  let name = cache.get(id)
  if (!name) {
    name = req.payload
      .findByID({ collection: 'users', id, depth: 0, overrideAccess: true, disableErrors: true, select: { name: true }, req })
      .then((user) => user?.name ?? '—')
    cache.set(id, name)
  }
  return name
}

/** The display name of the user in the sibling relationship `source` (`—` when the account is gone). */
const nameOfUserIn =
  (source: string): FieldHook =>
  async ({ siblingData, req }) => {
    const related = (siblingData as Record<string, unknown> | undefined)?.[source]
    if (related && typeof related === 'object' && typeof (related as { name?: unknown }).name === 'string') return (related as { name: string }).name
    const id = idOf(related)
    return id ? userName(req, id) : null
  }

/** The hidden, not stored name field beside the relationship `source`. */
export function userNameField(source: RelationshipField): Field {
  return {
    name: nameFieldOf(source.name),
    type: 'text',
    virtual: true,
    label: source.label,
    // Read as the relationship is: a name hidden from some readers stays hidden.
    access: { read: source.access?.read, create: nobody, update: nobody },
    hooks: { afterRead: [nameOfUserIn(source.name)] },
    admin: { hidden: true, disableListColumn: true, disableListFilter: true },
  }
}

/** A single relationship to users. */
export const isUserRelationship = (field: Field): field is RelationshipField => field.type === 'relationship' && field.relationTo === 'users' && !field.hasMany

export const USER_NAME_FIELD = '/src/admin/users/UserName#UserNameField'
export const USER_NAME_CELL = '/src/admin/users/UserName#UserNameCell'
