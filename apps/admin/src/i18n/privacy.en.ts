/**
 * English texts of the audit log page and the customer privacy actions (GDPR export and
 * erasure). Kept beside en.ts like the webhooks' texts; privacy.nl.ts mirrors it.
 */
const privacy = {
  audit: {
    title: "Audit log",
    intro:
      "Every change to programs, segments, surveys, balances, users, API keys, webhooks and customer data requests: who made it, when, and what changed.",
    adminsOnly: "Only admins can read the audit log.",
    loadFailed: "The audit log could not be loaded.",
    empty: "No entries match these filters.",
    filters: {
      label: "Filter the audit log",
      actor: "Actor (email, key name or id)",
      entityType: "Kind",
      action: "Action",
      period: "Period",
      clear: "Clear filters",
    },
    columns: {
      at: "When",
      actor: "Who",
      entity: "What",
      action: "Action",
      changes: "Changes",
    },
    actorKinds: {
      USER: "User",
      API_KEY: "API key",
      SYSTEM: "System",
    },
    entityTypes: {
      LOYALTY_PROGRAM: "Loyalty program",
      REWARD: "Reward",
      CAMPAIGN: "Campaign",
      SEGMENT: "Segment",
      SURVEY: "Survey",
      LOYALTY_ACCOUNT: "Loyalty account",
      REDEMPTION: "Redemption",
      ADMIN_USER: "Admin user",
      API_KEY: "API key",
      WEBHOOK_ENDPOINT: "Webhook endpoint",
      CUSTOMER: "Customer",
    },
    changedFields: "No fields | 1 field | {n} fields",
    show: "Details",
    showLabel: "Show the details of {action} on {entity}",
    drawer: {
      title: "{entity}: {action}",
      entityId: "Id",
      requestId: "Request",
      field: "Field",
      before: "Before",
      after: "After",
      noChanges: "This entry records no field values.",
      unset: "(not set)",
    },
  },
  customerPrivacy: {
    title: "Privacy",
    intro: "Give the customer a copy of their data, or erase it on request (GDPR).",
    export: "Export data",
    exportFailed: "The data could not be exported: {error}",
    exported: "Downloaded {file}.",
    erase: "Erase personal data",
    erased: "This customer's personal data was erased on {date}. The record takes no changes.",
    eraseFailed: "The customer could not be erased: {error}",
    confirm: {
      title: "Erase this customer's personal data?",
      body: "Name, contact details, birthday, attributes, tags, free text, event details, invitations and webhook payloads are removed for good. Orders, points and figures stay, without the person. This cannot be undone.",
      reason: "Reason (e.g. the request reference)",
      typeToConfirm: "Type {word} to confirm",
      submit: "Erase for good",
    },
  },
  consent: {
    title: "Consent",
    purposes: {
      MARKETING_EMAIL: "Marketing by email",
      MARKETING_SMS: "Marketing by SMS",
      PROFILING: "Profiling and analytics",
    },
    granted: "Given",
    withdrawn: "Not given",
    since: "since {date}",
    via: "via {source}",
    history: "History",
    noHistory: "No consent recorded yet.",
    sources: {
      WEB_FORM: "web form",
      PREFERENCE_CENTER: "preference center",
      CHECKOUT: "checkout",
      EMAIL_LINK: "email link",
      SUPPORT: "support",
      ADMIN: "admin",
      API: "API",
      IMPORT: "import",
      ERASURE: "erasure",
    },
  },
};

export default privacy;
