import type * as GraphQLLib from 'graphql'
import type { PayloadRequest } from 'payload'
import { isReviewedCollection, REVIEWED_COLLECTIONS } from './reviewed'
import { applyReviewAction, ReviewError } from './service'
import { REVIEW_ACTIONS } from './state-machine'

/** `reviewContent(collection, id, action, reason)`: the same transition as the REST endpoint. */
export function reviewMutation(GraphQL: typeof GraphQLLib) {
  const ReviewResult = new GraphQL.GraphQLObjectType({
    name: 'ReviewResult',
    fields: {
      id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
      collection: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
      title: { type: GraphQL.GraphQLString },
      reviewStatus: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
    },
  })
  const enumOf = (name: string, values: readonly string[]) =>
    new GraphQL.GraphQLEnumType({
      name,
      values: Object.fromEntries(values.map((value) => [value.replace(/-/g, '_'), { value }])),
    })
  return {
    reviewContent: {
      type: new GraphQL.GraphQLNonNull(ReviewResult),
      args: {
        collection: { type: new GraphQL.GraphQLNonNull(enumOf('ReviewCollection', REVIEWED_COLLECTIONS)) },
        id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
        action: { type: new GraphQL.GraphQLNonNull(enumOf('ReviewActionName', REVIEW_ACTIONS)) },
        reason: { type: GraphQL.GraphQLString },
      },
      resolve: async (_source: unknown, args: { collection: string; id: string; action: string; reason?: string }, context: { req: PayloadRequest }) => {
        if (!isReviewedCollection(args.collection)) throw new ReviewError(404, 'not-found', '内容不存在')
        // A ReviewError keeps its HTTP status in the GraphQL answer (extensions.statusCode, extensions.data).
        const doc = await applyReviewAction({ req: context.req, ...args, collection: args.collection })
        return { id: String(doc.id), collection: args.collection, title: doc.title, reviewStatus: doc.reviewStatus }
      },
    },
  }
}
