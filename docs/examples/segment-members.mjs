import { trouw } from "./trouw-client.mjs";

// Walks all members of a saved segment, 100 per page, following the cursor.
const members = [];
let after = null;
for (;;) {
  const { segment } = await trouw(
    `query ($id: ID!, $after: String) {
      segment(id: $id) {
        memberCount
        members(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          edges { node { externalId name } }
        }
      }
    }`,
    { id: process.env.SEGMENT_ID, after },
  );
  members.push(...segment.members.edges.map((e) => e.node.externalId));
  if (!segment.members.pageInfo.hasNextPage) break;
  after = segment.members.pageInfo.endCursor;
}
console.log(JSON.stringify(members));
