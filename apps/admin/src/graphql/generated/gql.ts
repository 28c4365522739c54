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
    "\n  mutation AdjustBalance($input: AdjustBalanceInput!, $idempotencyKey: String) {\n    adjustBalance(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      kind\n      amount\n      reason\n    }\n  }\n": typeof types.AdjustBalanceDocument,
    "\n  query CustomerLedger($customerId: ID!, $programId: ID, $first: Int!, $after: String) {\n    ledgerEntries(customerId: $customerId, programId: $programId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          programId\n          kind\n          amount\n          pendingDelta\n          reason\n          actor\n          occurredAt\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.CustomerLedgerDocument,
    "\n  fragment LoyaltyAccountFields on LoyaltyAccount {\n    customerId\n    status\n    unit\n    balance\n    pending\n    lifetimeEarned\n    completedCards\n    punchesRequired\n    creditAvailable\n    membershipState\n    membershipPeriodEnd\n    reachedThresholds\n    enrolledAt\n    lastActivityAt\n    expiringSoon {\n      amount\n      firstExpiresAt\n    }\n    tier {\n      code\n      name\n      earnMultiplier\n      perks\n      nextCode\n      nextName\n      qualifyingValue\n      remainingToNext\n      percentToNext\n      override {\n        tierCode\n        until\n        reason\n      }\n    }\n    program {\n      id\n      name\n      type\n      status\n      currency\n      config\n    }\n  }\n": typeof types.LoyaltyAccountFieldsFragmentDoc,
    "\n  query CustomerLoyalty($customerId: ID!) {\n    loyaltyStatus(customerId: $customerId) {\n      ...LoyaltyAccountFields\n    }\n  }\n": typeof types.CustomerLoyaltyDocument,
    "\n  fragment RedemptionFields on Redemption {\n    id\n    programId\n    rewardId\n    code\n    description\n    cost\n    source\n    status\n    createdAt\n    cancelledAt\n    cancelReason\n  }\n": typeof types.RedemptionFieldsFragmentDoc,
    "\n  query CustomerRedemptions($customerId: ID!, $first: Int!, $after: String) {\n    redemptions(customerId: $customerId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...RedemptionFields\n        }\n      }\n    }\n  }\n": typeof types.CustomerRedemptionsDocument,
    "\n  mutation CancelRedemption($id: ID!, $reason: String!, $idempotencyKey: String) {\n    cancelRedemption(id: $id, reason: $reason, idempotencyKey: $idempotencyKey) {\n      ...RedemptionFields\n    }\n  }\n": typeof types.CancelRedemptionDocument,
    "\n  query Customers(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: CustomerFilter\n    $orderBy: CustomerOrder\n  ) {\n    customers(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      filter: $filter\n      orderBy: $orderBy\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalId\n          name\n          email\n          tags\n          acquisitionSource\n          personalityColour\n          signedUpAt\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.CustomersDocument,
    "\n  query CustomerTags {\n    customerTags\n  }\n": typeof types.CustomerTagsDocument,
    "\n  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...CustomerDetailFields\n    }\n  }\n": typeof types.UpdateCustomerDocument,
    "\n  query CustomerSegments($id: ID!) {\n    customer(id: $id) {\n      id\n      segments {\n        id\n        name\n        memberCount\n      }\n    }\n  }\n": typeof types.CustomerSegmentsDocument,
    "\n  query CustomerTimeline($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      timeline(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            type\n            occurredAt\n            recordedAt\n            amount {\n              amountMinor\n              currency\n            }\n            discount {\n              amountMinor\n              currency\n            }\n            category\n            orderId\n            payload\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerTimelineDocument,
    "\n  fragment CustomerDetailFields on Customer {\n    id\n    externalId\n    email\n    name\n    phone\n    locale\n    birthDate\n    signedUpAt\n    acquisitionSource\n    marketingConsent\n    marketingConsentAt\n    tags\n    attributes\n    personalityColour\n    contactGuidance {\n      colour\n      summary\n      guidance\n    }\n    referredBy {\n      id\n      externalId\n      name\n      email\n    }\n    createdAt\n    updatedAt\n  }\n": typeof types.CustomerDetailFieldsFragmentDoc,
    "\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      ...CustomerDetailFields\n    }\n  }\n": typeof types.CustomerDocument,
    "\n  fragment SupportContactFields on SupportContact {\n    id\n    kind\n    status\n    channel\n    subject\n    note\n    resolution\n    followUpAt\n    openedAt\n    updatedAt\n    resolvedAt\n  }\n": typeof types.SupportContactFieldsFragmentDoc,
    "\n  query CustomerSupportContacts($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      supportContacts(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...SupportContactFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerSupportContactsDocument,
    "\n  mutation UpdateSupportContact($id: ID!, $input: UpdateSupportContactInput!) {\n    updateSupportContact(id: $id, input: $input) {\n      ...SupportContactFields\n    }\n  }\n": typeof types.UpdateSupportContactDocument,
    "\n  query SimulateEarning($config: JSONObject!, $order: SimulatedOrderInput!) {\n    simulateEarning(config: $config, order: $order) {\n      unit\n      earned\n      pending\n      completedCards\n      unlockedThresholds\n      explanation\n      entries {\n        kind\n        amount\n        pendingDelta\n        reason\n      }\n    }\n  }\n": typeof types.SimulateEarningDocument,
    "\n  fragment CampaignFields on LoyaltyCampaign {\n    id\n    programId\n    name\n    segmentId\n    startsAt\n    endsAt\n    multiplier\n    bonusPoints\n    stacking\n    capPerCustomer\n    status\n  }\n": typeof types.CampaignFieldsFragmentDoc,
    "\n  query ProgramCampaigns($id: ID!) {\n    loyaltyProgram(id: $id) {\n      id\n      campaigns {\n        ...CampaignFields\n      }\n    }\n  }\n": typeof types.ProgramCampaignsDocument,
    "\n  mutation CreateLoyaltyCampaign($programId: ID!, $input: CampaignInput!) {\n    createLoyaltyCampaign(programId: $programId, input: $input) {\n      ...CampaignFields\n    }\n  }\n": typeof types.CreateLoyaltyCampaignDocument,
    "\n  mutation UpdateLoyaltyCampaign($id: ID!, $input: CampaignInput!) {\n    updateLoyaltyCampaign(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n": typeof types.UpdateLoyaltyCampaignDocument,
    "\n  mutation ArchiveLoyaltyCampaign($id: ID!) {\n    archiveLoyaltyCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n": typeof types.ArchiveLoyaltyCampaignDocument,
    "\n  fragment LoyaltyProgramFields on LoyaltyProgram {\n    id\n    name\n    description\n    type\n    status\n    currency\n    unit\n    validFrom\n    validUntil\n    config\n    version\n    memberCount\n    createdAt\n    updatedAt\n  }\n": typeof types.LoyaltyProgramFieldsFragmentDoc,
    "\n  query LoyaltyProgram($id: ID!) {\n    loyaltyProgram(id: $id) {\n      ...LoyaltyProgramFields\n    }\n  }\n": typeof types.LoyaltyProgramDocument,
    "\n  mutation CreateLoyaltyProgram($input: LoyaltyProgramInput!) {\n    createLoyaltyProgram(input: $input) {\n      ...LoyaltyProgramFields\n    }\n  }\n": typeof types.CreateLoyaltyProgramDocument,
    "\n  mutation UpdateLoyaltyProgram($id: ID!, $input: LoyaltyProgramInput!, $expectedVersion: Int) {\n    updateLoyaltyProgram(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      ...LoyaltyProgramFields\n    }\n  }\n": typeof types.UpdateLoyaltyProgramDocument,
    "\n  mutation SetLoyaltyProgramStatus($id: ID!, $status: LoyaltyProgramStatus!) {\n    setLoyaltyProgramStatus(id: $id, status: $status) {\n      ...LoyaltyProgramFields\n    }\n  }\n": typeof types.SetLoyaltyProgramStatusDocument,
    "\n  query LoyaltyPrograms(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $search: String\n    $status: LoyaltyProgramStatus\n    $type: LoyaltyProgramType\n  ) {\n    loyaltyPrograms(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      search: $search\n      status: $status\n      type: $type\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          description\n          type\n          status\n          currency\n          unit\n          memberCount\n          updatedAt\n        }\n      }\n    }\n  }\n": typeof types.LoyaltyProgramsDocument,
    "\n  fragment RewardFields on Reward {\n    id\n    programId\n    kind\n    name\n    description\n    cost\n    valueMinor\n    percent\n    stock\n    perCustomerLimit\n    validFrom\n    validUntil\n    tierCodes\n    segmentIds\n    status\n  }\n": typeof types.RewardFieldsFragmentDoc,
    "\n  query ProgramRewards($id: ID!) {\n    loyaltyProgram(id: $id) {\n      id\n      rewards(includeArchived: true) {\n        ...RewardFields\n      }\n    }\n  }\n": typeof types.ProgramRewardsDocument,
    "\n  mutation CreateReward($programId: ID!, $input: RewardInput!) {\n    createReward(programId: $programId, input: $input) {\n      ...RewardFields\n    }\n  }\n": typeof types.CreateRewardDocument,
    "\n  mutation UpdateReward($id: ID!, $input: RewardInput!) {\n    updateReward(id: $id, input: $input) {\n      ...RewardFields\n    }\n  }\n": typeof types.UpdateRewardDocument,
    "\n  mutation ArchiveReward($id: ID!) {\n    archiveReward(id: $id) {\n      ...RewardFields\n    }\n  }\n": typeof types.ArchiveRewardDocument,
    "\n  query ExplainMembership($customerId: ID!, $segmentId: ID, $rule: JSONObject) {\n    explainMembership(customerId: $customerId, segmentId: $segmentId, rule: $rule) {\n      member\n      holds\n      tree\n      customer {\n        id\n        externalId\n        name\n        email\n      }\n    }\n  }\n": typeof types.ExplainMembershipDocument,
    "\n  mutation CreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) {\n      ...SegmentDetailFields\n    }\n  }\n": typeof types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {\n    updateSegment(id: $id, input: $input) {\n      ...SegmentDetailFields\n    }\n  }\n": typeof types.UpdateSegmentDocument,
    "\n  query SegmentMembershipChanges(\n    $id: ID!\n    $first: Int!\n    $after: String\n    $change: MembershipChange\n    $from: DateTime\n    $to: DateTime\n  ) {\n    segment(id: $id) {\n      id\n      membershipChanges(first: $first, after: $after, change: $change, from: $from, to: $to) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            at\n            change\n            customer {\n              id\n              externalId\n              name\n              email\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.SegmentMembershipChangesDocument,
    "\n  query SegmentSizeHistory($id: ID!, $from: DateTime, $to: DateTime) {\n    segment(id: $id) {\n      id\n      sizeHistory(from: $from, to: $to) {\n        at\n        size\n        entered\n        exited\n        scope\n      }\n    }\n  }\n": typeof types.SegmentSizeHistoryDocument,
    "\n  query SegmentVersions($id: ID!) {\n    segment(id: $id) {\n      id\n      versions {\n        version\n        name\n        description\n        rule\n        changedAt\n        changedBy\n      }\n    }\n  }\n": typeof types.SegmentVersionsDocument,
    "\n  query Segments($first: Int, $after: String, $last: Int, $before: String, $search: String) {\n    segments(first: $first, after: $after, last: $last, before: $before, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          description\n          tags\n          templateKey\n          memberCount\n          refreshedAt\n          refreshJob {\n            ...JobFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.SegmentsDocument,
    "\n  query SegmentMembers($id: ID!, $first: Int!, $after: String) {\n    segment(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            externalId\n            name\n            email\n            tags\n            acquisitionSource\n            signedUpAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.SegmentMembersDocument,
    "\n  query SegmentOptions {\n    segments(first: 200) {\n      edges {\n        node {\n          id\n          name\n          memberCount\n        }\n      }\n    }\n  }\n": typeof types.SegmentOptionsDocument,
    "\n  query PreviewSegment($rule: JSONObject!, $sampleSize: Int!) {\n    previewSegment(rule: $rule, sampleSize: $sampleSize) {\n      count\n      sample {\n        id\n        externalId\n        name\n        email\n      }\n    }\n  }\n": typeof types.PreviewSegmentDocument,
    "\n  query SegmentTemplates {\n    segmentTemplates {\n      key\n      name\n      group\n      description\n      treatment\n      parameters {\n        key\n        label\n        description\n        type\n        default\n        min\n        max\n      }\n      rule\n    }\n  }\n": typeof types.SegmentTemplatesDocument,
    "\n  query InstantiateSegmentTemplate($key: String!, $values: JSONObject) {\n    instantiateSegmentTemplate(key: $key, values: $values)\n  }\n": typeof types.InstantiateSegmentTemplateDocument,
    "\n  fragment JobFields on Job {\n    id\n    status\n    progress\n    error\n    finishedAt\n  }\n": typeof types.JobFieldsFragmentDoc,
    "\n  fragment SegmentDetailFields on Segment {\n    id\n    name\n    description\n    tags\n    templateKey\n    rule\n    version\n    memberCount\n    refreshedAt\n    createdAt\n    updatedAt\n    refreshJob {\n      ...JobFields\n    }\n    usedBy {\n      id\n      name\n      memberCount\n    }\n  }\n": typeof types.SegmentDetailFieldsFragmentDoc,
    "\n  query Segment($id: ID!) {\n    segment(id: $id) {\n      ...SegmentDetailFields\n    }\n  }\n": typeof types.SegmentDocument,
    "\n  query Job($id: ID!) {\n    job(id: $id) {\n      ...JobFields\n    }\n  }\n": typeof types.JobDocument,
    "\n  mutation RefreshSegment($id: ID!) {\n    refreshSegment(id: $id) {\n      ...JobFields\n    }\n  }\n": typeof types.RefreshSegmentDocument,
    "\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteSegmentDocument,
    "\n    query Anything {\n      customerTags\n    }\n  ": typeof types.AnythingDocument,
};
const documents: Documents = {
    "\n  fragment AdminUserFields on AdminUser {\n    id\n    email\n    name\n    role\n  }\n": types.AdminUserFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...AdminUserFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AdminUserFields\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation AdjustBalance($input: AdjustBalanceInput!, $idempotencyKey: String) {\n    adjustBalance(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      kind\n      amount\n      reason\n    }\n  }\n": types.AdjustBalanceDocument,
    "\n  query CustomerLedger($customerId: ID!, $programId: ID, $first: Int!, $after: String) {\n    ledgerEntries(customerId: $customerId, programId: $programId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          programId\n          kind\n          amount\n          pendingDelta\n          reason\n          actor\n          occurredAt\n          createdAt\n        }\n      }\n    }\n  }\n": types.CustomerLedgerDocument,
    "\n  fragment LoyaltyAccountFields on LoyaltyAccount {\n    customerId\n    status\n    unit\n    balance\n    pending\n    lifetimeEarned\n    completedCards\n    punchesRequired\n    creditAvailable\n    membershipState\n    membershipPeriodEnd\n    reachedThresholds\n    enrolledAt\n    lastActivityAt\n    expiringSoon {\n      amount\n      firstExpiresAt\n    }\n    tier {\n      code\n      name\n      earnMultiplier\n      perks\n      nextCode\n      nextName\n      qualifyingValue\n      remainingToNext\n      percentToNext\n      override {\n        tierCode\n        until\n        reason\n      }\n    }\n    program {\n      id\n      name\n      type\n      status\n      currency\n      config\n    }\n  }\n": types.LoyaltyAccountFieldsFragmentDoc,
    "\n  query CustomerLoyalty($customerId: ID!) {\n    loyaltyStatus(customerId: $customerId) {\n      ...LoyaltyAccountFields\n    }\n  }\n": types.CustomerLoyaltyDocument,
    "\n  fragment RedemptionFields on Redemption {\n    id\n    programId\n    rewardId\n    code\n    description\n    cost\n    source\n    status\n    createdAt\n    cancelledAt\n    cancelReason\n  }\n": types.RedemptionFieldsFragmentDoc,
    "\n  query CustomerRedemptions($customerId: ID!, $first: Int!, $after: String) {\n    redemptions(customerId: $customerId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...RedemptionFields\n        }\n      }\n    }\n  }\n": types.CustomerRedemptionsDocument,
    "\n  mutation CancelRedemption($id: ID!, $reason: String!, $idempotencyKey: String) {\n    cancelRedemption(id: $id, reason: $reason, idempotencyKey: $idempotencyKey) {\n      ...RedemptionFields\n    }\n  }\n": types.CancelRedemptionDocument,
    "\n  query Customers(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: CustomerFilter\n    $orderBy: CustomerOrder\n  ) {\n    customers(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      filter: $filter\n      orderBy: $orderBy\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalId\n          name\n          email\n          tags\n          acquisitionSource\n          personalityColour\n          signedUpAt\n          createdAt\n        }\n      }\n    }\n  }\n": types.CustomersDocument,
    "\n  query CustomerTags {\n    customerTags\n  }\n": types.CustomerTagsDocument,
    "\n  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...CustomerDetailFields\n    }\n  }\n": types.UpdateCustomerDocument,
    "\n  query CustomerSegments($id: ID!) {\n    customer(id: $id) {\n      id\n      segments {\n        id\n        name\n        memberCount\n      }\n    }\n  }\n": types.CustomerSegmentsDocument,
    "\n  query CustomerTimeline($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      timeline(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            type\n            occurredAt\n            recordedAt\n            amount {\n              amountMinor\n              currency\n            }\n            discount {\n              amountMinor\n              currency\n            }\n            category\n            orderId\n            payload\n          }\n        }\n      }\n    }\n  }\n": types.CustomerTimelineDocument,
    "\n  fragment CustomerDetailFields on Customer {\n    id\n    externalId\n    email\n    name\n    phone\n    locale\n    birthDate\n    signedUpAt\n    acquisitionSource\n    marketingConsent\n    marketingConsentAt\n    tags\n    attributes\n    personalityColour\n    contactGuidance {\n      colour\n      summary\n      guidance\n    }\n    referredBy {\n      id\n      externalId\n      name\n      email\n    }\n    createdAt\n    updatedAt\n  }\n": types.CustomerDetailFieldsFragmentDoc,
    "\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      ...CustomerDetailFields\n    }\n  }\n": types.CustomerDocument,
    "\n  fragment SupportContactFields on SupportContact {\n    id\n    kind\n    status\n    channel\n    subject\n    note\n    resolution\n    followUpAt\n    openedAt\n    updatedAt\n    resolvedAt\n  }\n": types.SupportContactFieldsFragmentDoc,
    "\n  query CustomerSupportContacts($id: ID!, $first: Int!, $after: String) {\n    customer(id: $id) {\n      id\n      supportContacts(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...SupportContactFields\n          }\n        }\n      }\n    }\n  }\n": types.CustomerSupportContactsDocument,
    "\n  mutation UpdateSupportContact($id: ID!, $input: UpdateSupportContactInput!) {\n    updateSupportContact(id: $id, input: $input) {\n      ...SupportContactFields\n    }\n  }\n": types.UpdateSupportContactDocument,
    "\n  query SimulateEarning($config: JSONObject!, $order: SimulatedOrderInput!) {\n    simulateEarning(config: $config, order: $order) {\n      unit\n      earned\n      pending\n      completedCards\n      unlockedThresholds\n      explanation\n      entries {\n        kind\n        amount\n        pendingDelta\n        reason\n      }\n    }\n  }\n": types.SimulateEarningDocument,
    "\n  fragment CampaignFields on LoyaltyCampaign {\n    id\n    programId\n    name\n    segmentId\n    startsAt\n    endsAt\n    multiplier\n    bonusPoints\n    stacking\n    capPerCustomer\n    status\n  }\n": types.CampaignFieldsFragmentDoc,
    "\n  query ProgramCampaigns($id: ID!) {\n    loyaltyProgram(id: $id) {\n      id\n      campaigns {\n        ...CampaignFields\n      }\n    }\n  }\n": types.ProgramCampaignsDocument,
    "\n  mutation CreateLoyaltyCampaign($programId: ID!, $input: CampaignInput!) {\n    createLoyaltyCampaign(programId: $programId, input: $input) {\n      ...CampaignFields\n    }\n  }\n": types.CreateLoyaltyCampaignDocument,
    "\n  mutation UpdateLoyaltyCampaign($id: ID!, $input: CampaignInput!) {\n    updateLoyaltyCampaign(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n": types.UpdateLoyaltyCampaignDocument,
    "\n  mutation ArchiveLoyaltyCampaign($id: ID!) {\n    archiveLoyaltyCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n": types.ArchiveLoyaltyCampaignDocument,
    "\n  fragment LoyaltyProgramFields on LoyaltyProgram {\n    id\n    name\n    description\n    type\n    status\n    currency\n    unit\n    validFrom\n    validUntil\n    config\n    version\n    memberCount\n    createdAt\n    updatedAt\n  }\n": types.LoyaltyProgramFieldsFragmentDoc,
    "\n  query LoyaltyProgram($id: ID!) {\n    loyaltyProgram(id: $id) {\n      ...LoyaltyProgramFields\n    }\n  }\n": types.LoyaltyProgramDocument,
    "\n  mutation CreateLoyaltyProgram($input: LoyaltyProgramInput!) {\n    createLoyaltyProgram(input: $input) {\n      ...LoyaltyProgramFields\n    }\n  }\n": types.CreateLoyaltyProgramDocument,
    "\n  mutation UpdateLoyaltyProgram($id: ID!, $input: LoyaltyProgramInput!, $expectedVersion: Int) {\n    updateLoyaltyProgram(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      ...LoyaltyProgramFields\n    }\n  }\n": types.UpdateLoyaltyProgramDocument,
    "\n  mutation SetLoyaltyProgramStatus($id: ID!, $status: LoyaltyProgramStatus!) {\n    setLoyaltyProgramStatus(id: $id, status: $status) {\n      ...LoyaltyProgramFields\n    }\n  }\n": types.SetLoyaltyProgramStatusDocument,
    "\n  query LoyaltyPrograms(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $search: String\n    $status: LoyaltyProgramStatus\n    $type: LoyaltyProgramType\n  ) {\n    loyaltyPrograms(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      search: $search\n      status: $status\n      type: $type\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          description\n          type\n          status\n          currency\n          unit\n          memberCount\n          updatedAt\n        }\n      }\n    }\n  }\n": types.LoyaltyProgramsDocument,
    "\n  fragment RewardFields on Reward {\n    id\n    programId\n    kind\n    name\n    description\n    cost\n    valueMinor\n    percent\n    stock\n    perCustomerLimit\n    validFrom\n    validUntil\n    tierCodes\n    segmentIds\n    status\n  }\n": types.RewardFieldsFragmentDoc,
    "\n  query ProgramRewards($id: ID!) {\n    loyaltyProgram(id: $id) {\n      id\n      rewards(includeArchived: true) {\n        ...RewardFields\n      }\n    }\n  }\n": types.ProgramRewardsDocument,
    "\n  mutation CreateReward($programId: ID!, $input: RewardInput!) {\n    createReward(programId: $programId, input: $input) {\n      ...RewardFields\n    }\n  }\n": types.CreateRewardDocument,
    "\n  mutation UpdateReward($id: ID!, $input: RewardInput!) {\n    updateReward(id: $id, input: $input) {\n      ...RewardFields\n    }\n  }\n": types.UpdateRewardDocument,
    "\n  mutation ArchiveReward($id: ID!) {\n    archiveReward(id: $id) {\n      ...RewardFields\n    }\n  }\n": types.ArchiveRewardDocument,
    "\n  query ExplainMembership($customerId: ID!, $segmentId: ID, $rule: JSONObject) {\n    explainMembership(customerId: $customerId, segmentId: $segmentId, rule: $rule) {\n      member\n      holds\n      tree\n      customer {\n        id\n        externalId\n        name\n        email\n      }\n    }\n  }\n": types.ExplainMembershipDocument,
    "\n  mutation CreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) {\n      ...SegmentDetailFields\n    }\n  }\n": types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {\n    updateSegment(id: $id, input: $input) {\n      ...SegmentDetailFields\n    }\n  }\n": types.UpdateSegmentDocument,
    "\n  query SegmentMembershipChanges(\n    $id: ID!\n    $first: Int!\n    $after: String\n    $change: MembershipChange\n    $from: DateTime\n    $to: DateTime\n  ) {\n    segment(id: $id) {\n      id\n      membershipChanges(first: $first, after: $after, change: $change, from: $from, to: $to) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            at\n            change\n            customer {\n              id\n              externalId\n              name\n              email\n            }\n          }\n        }\n      }\n    }\n  }\n": types.SegmentMembershipChangesDocument,
    "\n  query SegmentSizeHistory($id: ID!, $from: DateTime, $to: DateTime) {\n    segment(id: $id) {\n      id\n      sizeHistory(from: $from, to: $to) {\n        at\n        size\n        entered\n        exited\n        scope\n      }\n    }\n  }\n": types.SegmentSizeHistoryDocument,
    "\n  query SegmentVersions($id: ID!) {\n    segment(id: $id) {\n      id\n      versions {\n        version\n        name\n        description\n        rule\n        changedAt\n        changedBy\n      }\n    }\n  }\n": types.SegmentVersionsDocument,
    "\n  query Segments($first: Int, $after: String, $last: Int, $before: String, $search: String) {\n    segments(first: $first, after: $after, last: $last, before: $before, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          description\n          tags\n          templateKey\n          memberCount\n          refreshedAt\n          refreshJob {\n            ...JobFields\n          }\n        }\n      }\n    }\n  }\n": types.SegmentsDocument,
    "\n  query SegmentMembers($id: ID!, $first: Int!, $after: String) {\n    segment(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            externalId\n            name\n            email\n            tags\n            acquisitionSource\n            signedUpAt\n          }\n        }\n      }\n    }\n  }\n": types.SegmentMembersDocument,
    "\n  query SegmentOptions {\n    segments(first: 200) {\n      edges {\n        node {\n          id\n          name\n          memberCount\n        }\n      }\n    }\n  }\n": types.SegmentOptionsDocument,
    "\n  query PreviewSegment($rule: JSONObject!, $sampleSize: Int!) {\n    previewSegment(rule: $rule, sampleSize: $sampleSize) {\n      count\n      sample {\n        id\n        externalId\n        name\n        email\n      }\n    }\n  }\n": types.PreviewSegmentDocument,
    "\n  query SegmentTemplates {\n    segmentTemplates {\n      key\n      name\n      group\n      description\n      treatment\n      parameters {\n        key\n        label\n        description\n        type\n        default\n        min\n        max\n      }\n      rule\n    }\n  }\n": types.SegmentTemplatesDocument,
    "\n  query InstantiateSegmentTemplate($key: String!, $values: JSONObject) {\n    instantiateSegmentTemplate(key: $key, values: $values)\n  }\n": types.InstantiateSegmentTemplateDocument,
    "\n  fragment JobFields on Job {\n    id\n    status\n    progress\n    error\n    finishedAt\n  }\n": types.JobFieldsFragmentDoc,
    "\n  fragment SegmentDetailFields on Segment {\n    id\n    name\n    description\n    tags\n    templateKey\n    rule\n    version\n    memberCount\n    refreshedAt\n    createdAt\n    updatedAt\n    refreshJob {\n      ...JobFields\n    }\n    usedBy {\n      id\n      name\n      memberCount\n    }\n  }\n": types.SegmentDetailFieldsFragmentDoc,
    "\n  query Segment($id: ID!) {\n    segment(id: $id) {\n      ...SegmentDetailFields\n    }\n  }\n": types.SegmentDocument,
    "\n  query Job($id: ID!) {\n    job(id: $id) {\n      ...JobFields\n    }\n  }\n": types.JobDocument,
    "\n  mutation RefreshSegment($id: ID!) {\n    refreshSegment(id: $id) {\n      ...JobFields\n    }\n  }\n": types.RefreshSegmentDocument,
    "\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(id: $id) {\n      id\n    }\n  }\n": types.DeleteSegmentDocument,
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
export function graphql(source: "\n  mutation AdjustBalance($input: AdjustBalanceInput!, $idempotencyKey: String) {\n    adjustBalance(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      kind\n      amount\n      reason\n    }\n  }\n"): (typeof documents)["\n  mutation AdjustBalance($input: AdjustBalanceInput!, $idempotencyKey: String) {\n    adjustBalance(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      kind\n      amount\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerLedger($customerId: ID!, $programId: ID, $first: Int!, $after: String) {\n    ledgerEntries(customerId: $customerId, programId: $programId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          programId\n          kind\n          amount\n          pendingDelta\n          reason\n          actor\n          occurredAt\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerLedger($customerId: ID!, $programId: ID, $first: Int!, $after: String) {\n    ledgerEntries(customerId: $customerId, programId: $programId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          programId\n          kind\n          amount\n          pendingDelta\n          reason\n          actor\n          occurredAt\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LoyaltyAccountFields on LoyaltyAccount {\n    customerId\n    status\n    unit\n    balance\n    pending\n    lifetimeEarned\n    completedCards\n    punchesRequired\n    creditAvailable\n    membershipState\n    membershipPeriodEnd\n    reachedThresholds\n    enrolledAt\n    lastActivityAt\n    expiringSoon {\n      amount\n      firstExpiresAt\n    }\n    tier {\n      code\n      name\n      earnMultiplier\n      perks\n      nextCode\n      nextName\n      qualifyingValue\n      remainingToNext\n      percentToNext\n      override {\n        tierCode\n        until\n        reason\n      }\n    }\n    program {\n      id\n      name\n      type\n      status\n      currency\n      config\n    }\n  }\n"): (typeof documents)["\n  fragment LoyaltyAccountFields on LoyaltyAccount {\n    customerId\n    status\n    unit\n    balance\n    pending\n    lifetimeEarned\n    completedCards\n    punchesRequired\n    creditAvailable\n    membershipState\n    membershipPeriodEnd\n    reachedThresholds\n    enrolledAt\n    lastActivityAt\n    expiringSoon {\n      amount\n      firstExpiresAt\n    }\n    tier {\n      code\n      name\n      earnMultiplier\n      perks\n      nextCode\n      nextName\n      qualifyingValue\n      remainingToNext\n      percentToNext\n      override {\n        tierCode\n        until\n        reason\n      }\n    }\n    program {\n      id\n      name\n      type\n      status\n      currency\n      config\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerLoyalty($customerId: ID!) {\n    loyaltyStatus(customerId: $customerId) {\n      ...LoyaltyAccountFields\n    }\n  }\n"): (typeof documents)["\n  query CustomerLoyalty($customerId: ID!) {\n    loyaltyStatus(customerId: $customerId) {\n      ...LoyaltyAccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RedemptionFields on Redemption {\n    id\n    programId\n    rewardId\n    code\n    description\n    cost\n    source\n    status\n    createdAt\n    cancelledAt\n    cancelReason\n  }\n"): (typeof documents)["\n  fragment RedemptionFields on Redemption {\n    id\n    programId\n    rewardId\n    code\n    description\n    cost\n    source\n    status\n    createdAt\n    cancelledAt\n    cancelReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerRedemptions($customerId: ID!, $first: Int!, $after: String) {\n    redemptions(customerId: $customerId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...RedemptionFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerRedemptions($customerId: ID!, $first: Int!, $after: String) {\n    redemptions(customerId: $customerId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...RedemptionFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRedemption($id: ID!, $reason: String!, $idempotencyKey: String) {\n    cancelRedemption(id: $id, reason: $reason, idempotencyKey: $idempotencyKey) {\n      ...RedemptionFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelRedemption($id: ID!, $reason: String!, $idempotencyKey: String) {\n    cancelRedemption(id: $id, reason: $reason, idempotencyKey: $idempotencyKey) {\n      ...RedemptionFields\n    }\n  }\n"];
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
export function graphql(source: "\n  query CustomerSegments($id: ID!) {\n    customer(id: $id) {\n      id\n      segments {\n        id\n        name\n        memberCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerSegments($id: ID!) {\n    customer(id: $id) {\n      id\n      segments {\n        id\n        name\n        memberCount\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query SimulateEarning($config: JSONObject!, $order: SimulatedOrderInput!) {\n    simulateEarning(config: $config, order: $order) {\n      unit\n      earned\n      pending\n      completedCards\n      unlockedThresholds\n      explanation\n      entries {\n        kind\n        amount\n        pendingDelta\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  query SimulateEarning($config: JSONObject!, $order: SimulatedOrderInput!) {\n    simulateEarning(config: $config, order: $order) {\n      unit\n      earned\n      pending\n      completedCards\n      unlockedThresholds\n      explanation\n      entries {\n        kind\n        amount\n        pendingDelta\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CampaignFields on LoyaltyCampaign {\n    id\n    programId\n    name\n    segmentId\n    startsAt\n    endsAt\n    multiplier\n    bonusPoints\n    stacking\n    capPerCustomer\n    status\n  }\n"): (typeof documents)["\n  fragment CampaignFields on LoyaltyCampaign {\n    id\n    programId\n    name\n    segmentId\n    startsAt\n    endsAt\n    multiplier\n    bonusPoints\n    stacking\n    capPerCustomer\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProgramCampaigns($id: ID!) {\n    loyaltyProgram(id: $id) {\n      id\n      campaigns {\n        ...CampaignFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProgramCampaigns($id: ID!) {\n    loyaltyProgram(id: $id) {\n      id\n      campaigns {\n        ...CampaignFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLoyaltyCampaign($programId: ID!, $input: CampaignInput!) {\n    createLoyaltyCampaign(programId: $programId, input: $input) {\n      ...CampaignFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateLoyaltyCampaign($programId: ID!, $input: CampaignInput!) {\n    createLoyaltyCampaign(programId: $programId, input: $input) {\n      ...CampaignFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateLoyaltyCampaign($id: ID!, $input: CampaignInput!) {\n    updateLoyaltyCampaign(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateLoyaltyCampaign($id: ID!, $input: CampaignInput!) {\n    updateLoyaltyCampaign(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveLoyaltyCampaign($id: ID!) {\n    archiveLoyaltyCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveLoyaltyCampaign($id: ID!) {\n    archiveLoyaltyCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LoyaltyProgramFields on LoyaltyProgram {\n    id\n    name\n    description\n    type\n    status\n    currency\n    unit\n    validFrom\n    validUntil\n    config\n    version\n    memberCount\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment LoyaltyProgramFields on LoyaltyProgram {\n    id\n    name\n    description\n    type\n    status\n    currency\n    unit\n    validFrom\n    validUntil\n    config\n    version\n    memberCount\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LoyaltyProgram($id: ID!) {\n    loyaltyProgram(id: $id) {\n      ...LoyaltyProgramFields\n    }\n  }\n"): (typeof documents)["\n  query LoyaltyProgram($id: ID!) {\n    loyaltyProgram(id: $id) {\n      ...LoyaltyProgramFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLoyaltyProgram($input: LoyaltyProgramInput!) {\n    createLoyaltyProgram(input: $input) {\n      ...LoyaltyProgramFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateLoyaltyProgram($input: LoyaltyProgramInput!) {\n    createLoyaltyProgram(input: $input) {\n      ...LoyaltyProgramFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateLoyaltyProgram($id: ID!, $input: LoyaltyProgramInput!, $expectedVersion: Int) {\n    updateLoyaltyProgram(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      ...LoyaltyProgramFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateLoyaltyProgram($id: ID!, $input: LoyaltyProgramInput!, $expectedVersion: Int) {\n    updateLoyaltyProgram(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      ...LoyaltyProgramFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetLoyaltyProgramStatus($id: ID!, $status: LoyaltyProgramStatus!) {\n    setLoyaltyProgramStatus(id: $id, status: $status) {\n      ...LoyaltyProgramFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetLoyaltyProgramStatus($id: ID!, $status: LoyaltyProgramStatus!) {\n    setLoyaltyProgramStatus(id: $id, status: $status) {\n      ...LoyaltyProgramFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LoyaltyPrograms(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $search: String\n    $status: LoyaltyProgramStatus\n    $type: LoyaltyProgramType\n  ) {\n    loyaltyPrograms(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      search: $search\n      status: $status\n      type: $type\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          description\n          type\n          status\n          currency\n          unit\n          memberCount\n          updatedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LoyaltyPrograms(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $search: String\n    $status: LoyaltyProgramStatus\n    $type: LoyaltyProgramType\n  ) {\n    loyaltyPrograms(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      search: $search\n      status: $status\n      type: $type\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          description\n          type\n          status\n          currency\n          unit\n          memberCount\n          updatedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RewardFields on Reward {\n    id\n    programId\n    kind\n    name\n    description\n    cost\n    valueMinor\n    percent\n    stock\n    perCustomerLimit\n    validFrom\n    validUntil\n    tierCodes\n    segmentIds\n    status\n  }\n"): (typeof documents)["\n  fragment RewardFields on Reward {\n    id\n    programId\n    kind\n    name\n    description\n    cost\n    valueMinor\n    percent\n    stock\n    perCustomerLimit\n    validFrom\n    validUntil\n    tierCodes\n    segmentIds\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProgramRewards($id: ID!) {\n    loyaltyProgram(id: $id) {\n      id\n      rewards(includeArchived: true) {\n        ...RewardFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProgramRewards($id: ID!) {\n    loyaltyProgram(id: $id) {\n      id\n      rewards(includeArchived: true) {\n        ...RewardFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReward($programId: ID!, $input: RewardInput!) {\n    createReward(programId: $programId, input: $input) {\n      ...RewardFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateReward($programId: ID!, $input: RewardInput!) {\n    createReward(programId: $programId, input: $input) {\n      ...RewardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateReward($id: ID!, $input: RewardInput!) {\n    updateReward(id: $id, input: $input) {\n      ...RewardFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateReward($id: ID!, $input: RewardInput!) {\n    updateReward(id: $id, input: $input) {\n      ...RewardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveReward($id: ID!) {\n    archiveReward(id: $id) {\n      ...RewardFields\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveReward($id: ID!) {\n    archiveReward(id: $id) {\n      ...RewardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplainMembership($customerId: ID!, $segmentId: ID, $rule: JSONObject) {\n    explainMembership(customerId: $customerId, segmentId: $segmentId, rule: $rule) {\n      member\n      holds\n      tree\n      customer {\n        id\n        externalId\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExplainMembership($customerId: ID!, $segmentId: ID, $rule: JSONObject) {\n    explainMembership(customerId: $customerId, segmentId: $segmentId, rule: $rule) {\n      member\n      holds\n      tree\n      customer {\n        id\n        externalId\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) {\n      ...SegmentDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) {\n      ...SegmentDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {\n    updateSegment(id: $id, input: $input) {\n      ...SegmentDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSegment($id: ID!, $input: SegmentInput!) {\n    updateSegment(id: $id, input: $input) {\n      ...SegmentDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentMembershipChanges(\n    $id: ID!\n    $first: Int!\n    $after: String\n    $change: MembershipChange\n    $from: DateTime\n    $to: DateTime\n  ) {\n    segment(id: $id) {\n      id\n      membershipChanges(first: $first, after: $after, change: $change, from: $from, to: $to) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            at\n            change\n            customer {\n              id\n              externalId\n              name\n              email\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentMembershipChanges(\n    $id: ID!\n    $first: Int!\n    $after: String\n    $change: MembershipChange\n    $from: DateTime\n    $to: DateTime\n  ) {\n    segment(id: $id) {\n      id\n      membershipChanges(first: $first, after: $after, change: $change, from: $from, to: $to) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            at\n            change\n            customer {\n              id\n              externalId\n              name\n              email\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentSizeHistory($id: ID!, $from: DateTime, $to: DateTime) {\n    segment(id: $id) {\n      id\n      sizeHistory(from: $from, to: $to) {\n        at\n        size\n        entered\n        exited\n        scope\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentSizeHistory($id: ID!, $from: DateTime, $to: DateTime) {\n    segment(id: $id) {\n      id\n      sizeHistory(from: $from, to: $to) {\n        at\n        size\n        entered\n        exited\n        scope\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentVersions($id: ID!) {\n    segment(id: $id) {\n      id\n      versions {\n        version\n        name\n        description\n        rule\n        changedAt\n        changedBy\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentVersions($id: ID!) {\n    segment(id: $id) {\n      id\n      versions {\n        version\n        name\n        description\n        rule\n        changedAt\n        changedBy\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Segments($first: Int, $after: String, $last: Int, $before: String, $search: String) {\n    segments(first: $first, after: $after, last: $last, before: $before, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          description\n          tags\n          templateKey\n          memberCount\n          refreshedAt\n          refreshJob {\n            ...JobFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Segments($first: Int, $after: String, $last: Int, $before: String, $search: String) {\n    segments(first: $first, after: $after, last: $last, before: $before, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          description\n          tags\n          templateKey\n          memberCount\n          refreshedAt\n          refreshJob {\n            ...JobFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentMembers($id: ID!, $first: Int!, $after: String) {\n    segment(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            externalId\n            name\n            email\n            tags\n            acquisitionSource\n            signedUpAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentMembers($id: ID!, $first: Int!, $after: String) {\n    segment(id: $id) {\n      id\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            externalId\n            name\n            email\n            tags\n            acquisitionSource\n            signedUpAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentOptions {\n    segments(first: 200) {\n      edges {\n        node {\n          id\n          name\n          memberCount\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentOptions {\n    segments(first: 200) {\n      edges {\n        node {\n          id\n          name\n          memberCount\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewSegment($rule: JSONObject!, $sampleSize: Int!) {\n    previewSegment(rule: $rule, sampleSize: $sampleSize) {\n      count\n      sample {\n        id\n        externalId\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query PreviewSegment($rule: JSONObject!, $sampleSize: Int!) {\n    previewSegment(rule: $rule, sampleSize: $sampleSize) {\n      count\n      sample {\n        id\n        externalId\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentTemplates {\n    segmentTemplates {\n      key\n      name\n      group\n      description\n      treatment\n      parameters {\n        key\n        label\n        description\n        type\n        default\n        min\n        max\n      }\n      rule\n    }\n  }\n"): (typeof documents)["\n  query SegmentTemplates {\n    segmentTemplates {\n      key\n      name\n      group\n      description\n      treatment\n      parameters {\n        key\n        label\n        description\n        type\n        default\n        min\n        max\n      }\n      rule\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InstantiateSegmentTemplate($key: String!, $values: JSONObject) {\n    instantiateSegmentTemplate(key: $key, values: $values)\n  }\n"): (typeof documents)["\n  query InstantiateSegmentTemplate($key: String!, $values: JSONObject) {\n    instantiateSegmentTemplate(key: $key, values: $values)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment JobFields on Job {\n    id\n    status\n    progress\n    error\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment JobFields on Job {\n    id\n    status\n    progress\n    error\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SegmentDetailFields on Segment {\n    id\n    name\n    description\n    tags\n    templateKey\n    rule\n    version\n    memberCount\n    refreshedAt\n    createdAt\n    updatedAt\n    refreshJob {\n      ...JobFields\n    }\n    usedBy {\n      id\n      name\n      memberCount\n    }\n  }\n"): (typeof documents)["\n  fragment SegmentDetailFields on Segment {\n    id\n    name\n    description\n    tags\n    templateKey\n    rule\n    version\n    memberCount\n    refreshedAt\n    createdAt\n    updatedAt\n    refreshJob {\n      ...JobFields\n    }\n    usedBy {\n      id\n      name\n      memberCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Segment($id: ID!) {\n    segment(id: $id) {\n      ...SegmentDetailFields\n    }\n  }\n"): (typeof documents)["\n  query Segment($id: ID!) {\n    segment(id: $id) {\n      ...SegmentDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Job($id: ID!) {\n    job(id: $id) {\n      ...JobFields\n    }\n  }\n"): (typeof documents)["\n  query Job($id: ID!) {\n    job(id: $id) {\n      ...JobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSegment($id: ID!) {\n    refreshSegment(id: $id) {\n      ...JobFields\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSegment($id: ID!) {\n    refreshSegment(id: $id) {\n      ...JobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Anything {\n      customerTags\n    }\n  "): (typeof documents)["\n    query Anything {\n      customerTags\n    }\n  "];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;