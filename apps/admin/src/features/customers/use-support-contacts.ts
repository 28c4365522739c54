import { watch, type MaybeRefOrGetter, toValue } from "vue";
import { useClientHandle } from "@urql/vue";
import { graphql } from "@/graphql/generated";
import type {
  SupportContactFieldsFragment,
  UpdateSupportContactInput,
} from "@/graphql/generated/graphql";
import { queryConnectionPage } from "@/composables/connection-page";
import { useLoadMore } from "@/composables/use-load-more";

export type SupportContactItem = SupportContactFieldsFragment;

export const SupportContactFields = graphql(`
  fragment SupportContactFields on SupportContact {
    id
    kind
    status
    channel
    subject
    note
    resolution
    followUpAt
    openedAt
    updatedAt
    resolvedAt
  }
`);

export const CustomerSupportContactsQuery = graphql(`
  query CustomerSupportContacts($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) {
      id
      supportContacts(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            ...SupportContactFields
          }
        }
      }
    }
  }
`);

export const UpdateSupportContactMutation = graphql(`
  mutation UpdateSupportContact($id: ID!, $input: UpdateSupportContactInput!) {
    updateSupportContact(id: $id, input: $input) {
      ...SupportContactFields
    }
  }
`);

export const SUPPORT_CONTACTS_PAGE_SIZE = 20;

/** The customer's contact history, with updates of status, resolution and follow-up. */
export function useSupportContacts(id: MaybeRefOrGetter<string>) {
  const { client } = useClientHandle();
  const list = useLoadMore((after) =>
    queryConnectionPage(
      client,
      CustomerSupportContactsQuery,
      { id: toValue(id), first: SUPPORT_CONTACTS_PAGE_SIZE, after },
      (data) => data?.customer?.supportContacts,
    ),
  );
  watch(
    () => toValue(id),
    () => void list.reload(),
    { immediate: true },
  );

  async function update(contactId: string, input: UpdateSupportContactInput) {
    const result = await client
      .mutation(UpdateSupportContactMutation, { id: contactId, input })
      .toPromise();
    if (result.data) list.replace(result.data.updateSupportContact);
    return result;
  }

  return { ...list, update };
}
