/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AdminUserFields on AdminUser {\n    id\n    email\n    name\n    role\n  }\n": typeof types.AdminUserFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...AdminUserFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AdminUserFields\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Customers(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: CustomerFilter\n    $orderBy: CustomerOrder\n  ) {\n    customers(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      filter: $filter\n      orderBy: $orderBy\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalId\n          name\n          email\n          tags\n          acquisitionSource\n          personalityColour\n          signedUpAt\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.CustomersDocument,
    "\n  query CustomerTags {\n    customerTags\n  }\n": typeof types.CustomerTagsDocument,
    "\n  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...CustomerDetailFields\n    }\n  }\n": typeof types.UpdateCustomerDocument,
    "\n  query CustomerTimeline($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      timeline(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            type\n            occurredAt\n            recordedAt\n            amount {\n              amountMinor\n              currency\n            }\n            discount {\n              amountMinor\n              currency\n            }\n            category\n            orderId\n            payload\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerTimelineDocument,
    "\n  fragment CustomerDetailFields on Customer {\n    id\n    externalId\n    email\n    name\n    phone\n    locale\n    birthDate\n    signedUpAt\n    acquisitionSource\n    marketingConsent\n    marketingConsentAt\n    tags\n    attributes\n    personalityColour\n    contactGuidance {\n      colour\n      summary\n      guidance\n    }\n    referredBy {\n      id\n      externalId\n      name\n      email\n    }\n    createdAt\n    updatedAt\n  }\n": typeof types.CustomerDetailFieldsFragmentDoc,
    "\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      ...CustomerDetailFields\n    }\n  }\n": typeof types.CustomerDocument,
    "\n  fragment SupportContactFields on SupportContact {\n    id\n    kind\n    status\n    channel\n    subject\n    note\n    resolution\n    followUpAt\n    openedAt\n    updatedAt\n    resolvedAt\n  }\n": typeof types.SupportContactFieldsFragmentDoc,
    "\n  query CustomerSupportContacts($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      supportContacts(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...SupportContactFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerSupportContactsDocument,
    "\n  mutation UpdateSupportContact($id: ID!, $input: UpdateSupportContactInput!) {\n    updateSupportContact(id: $id, input: $input) {\n      ...SupportContactFields\n    }\n  }\n": typeof types.UpdateSupportContactDocument,
    "\n    query Anything {\n      customerTags\n    }\n  ": typeof types.AnythingDocument,
};
const documents: Documents = {
    "\n  fragment AdminUserFields on AdminUser {\n    id\n    email\n    name\n    role\n  }\n": types.AdminUserFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...AdminUserFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AdminUserFields\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Customers(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: CustomerFilter\n    $orderBy: CustomerOrder\n  ) {\n    customers(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      filter: $filter\n      orderBy: $orderBy\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalId\n          name\n          email\n          tags\n          acquisitionSource\n          personalityColour\n          signedUpAt\n          createdAt\n        }\n      }\n    }\n  }\n": types.CustomersDocument,
    "\n  query CustomerTags {\n    customerTags\n  }\n": types.CustomerTagsDocument,
    "\n  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...CustomerDetailFields\n    }\n  }\n": types.UpdateCustomerDocument,
    "\n  query CustomerTimeline($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      timeline(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            type\n            occurredAt\n            recordedAt\n            amount {\n              amountMinor\n              currency\n            }\n            discount {\n              amountMinor\n              currency\n            }\n            category\n            orderId\n            payload\n          }\n        }\n      }\n    }\n  }\n": types.CustomerTimelineDocument,
    "\n  fragment CustomerDetailFields on Customer {\n    id\n    externalId\n    email\n    name\n    phone\n    locale\n    birthDate\n    signedUpAt\n    acquisitionSource\n    marketingConsent\n    marketingConsentAt\n    tags\n    attributes\n    personalityColour\n    contactGuidance {\n      colour\n      summary\n      guidance\n    }\n    referredBy {\n      id\n      externalId\n      name\n      email\n    }\n    createdAt\n    updatedAt\n  }\n": types.CustomerDetailFieldsFragmentDoc,
    "\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      ...CustomerDetailFields\n    }\n  }\n": types.CustomerDocument,
    "\n  fragment SupportContactFields on SupportContact {\n    id\n    kind\n    status\n    channel\n    subject\n    note\n    resolution\n    followUpAt\n    openedAt\n    updatedAt\n    resolvedAt\n  }\n": types.SupportContactFieldsFragmentDoc,
    "\n  query CustomerSupportContacts($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      supportContacts(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...SupportContactFields\n          }\n        }\n      }\n    }\n  }\n": types.CustomerSupportContactsDocument,
    "\n  mutation UpdateSupportContact($id: ID!, $input: UpdateSupportContactInput!) {\n    updateSupportContact(id: $id, input: $input) {\n      ...SupportContactFields\n    }\n  }\n": types.UpdateSupportContactDocument,
    "\n    query Anything {\n      customerTags\n    }\n  ": types.AnythingDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUserFields on AdminUser {\n    id\n    email\n    name\n    role\n  }\n"): (typeof documents)["\n  fragment AdminUserFields on AdminUser {\n    id\n    email\n    name\n    role\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...AdminUserFields\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...AdminUserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AdminUserFields\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AdminUserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Customers(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: CustomerFilter\n    $orderBy: CustomerOrder\n  ) {\n    customers(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      filter: $filter\n      orderBy: $orderBy\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalId\n          name\n          email\n          tags\n          acquisitionSource\n          personalityColour\n          signedUpAt\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Customers(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: CustomerFilter\n    $orderBy: CustomerOrder\n  ) {\n    customers(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      filter: $filter\n      orderBy: $orderBy\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalId\n          name\n          email\n          tags\n          acquisitionSource\n          personalityColour\n          signedUpAt\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerTags {\n    customerTags\n  }\n"): (typeof documents)["\n  query CustomerTags {\n    customerTags\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...CustomerDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...CustomerDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerTimeline($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      timeline(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            type\n            occurredAt\n            recordedAt\n            amount {\n              amountMinor\n              currency\n            }\n            discount {\n              amountMinor\n              currency\n            }\n            category\n            orderId\n            payload\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerTimeline($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      timeline(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            type\n            occurredAt\n            recordedAt\n            amount {\n              amountMinor\n              currency\n            }\n            discount {\n              amountMinor\n              currency\n            }\n            category\n            orderId\n            payload\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomerDetailFields on Customer {\n    id\n    externalId\n    email\n    name\n    phone\n    locale\n    birthDate\n    signedUpAt\n    acquisitionSource\n    marketingConsent\n    marketingConsentAt\n    tags\n    attributes\n    personalityColour\n    contactGuidance {\n      colour\n      summary\n      guidance\n    }\n    referredBy {\n      id\n      externalId\n      name\n      email\n    }\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment CustomerDetailFields on Customer {\n    id\n    externalId\n    email\n    name\n    phone\n    locale\n    birthDate\n    signedUpAt\n    acquisitionSource\n    marketingConsent\n    marketingConsentAt\n    tags\n    attributes\n    personalityColour\n    contactGuidance {\n      colour\n      summary\n      guidance\n    }\n    referredBy {\n      id\n      externalId\n      name\n      email\n    }\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      ...CustomerDetailFields\n    }\n  }\n"): (typeof documents)["\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      ...CustomerDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SupportContactFields on SupportContact {\n    id\n    kind\n    status\n    channel\n    subject\n    note\n    resolution\n    followUpAt\n    openedAt\n    updatedAt\n    resolvedAt\n  }\n"): (typeof documents)["\n  fragment SupportContactFields on SupportContact {\n    id\n    kind\n    status\n    channel\n    subject\n    note\n    resolution\n    followUpAt\n    openedAt\n    updatedAt\n    resolvedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerSupportContacts($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      supportContacts(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...SupportContactFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerSupportContacts($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      supportContacts(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...SupportContactFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSupportContact($id: ID!, $input: UpdateSupportContactInput!) {\n    updateSupportContact(id: $id, input: $input) {\n      ...SupportContactFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSupportContact($id: ID!, $input: UpdateSupportContactInput!) {\n    updateSupportContact(id: $id, input: $input) {\n      ...SupportContactFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Anything {\n      customerTags\n    }\n  "): (typeof documents)["\n    query Anything {\n      customerTags\n    }\n  "];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;