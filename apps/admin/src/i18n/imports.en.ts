/**
 * English texts of bulk import and export: the Import page (file, dry run report, progress,
 * resume) and the CSV export buttons. imports.nl.ts mirrors it.
 */
const imports = {
  title: "Import",
  intro:
    "Load customers or historical orders from a CSV file. Validation comes first and writes nothing: fix the rows it reports, or import the valid ones.",
  type: {
    CUSTOMERS: "Customers",
    ORDERS: "Orders",
  },
  status: {
    AWAITING_FILE: "Waiting for file",
    STAGING: "Reading file",
    VALIDATED: "Validated",
    RUNNING: "Importing",
    DONE: "Done",
    FAILED: "Failed",
    CANCELLED: "Cancelled",
  },
  form: {
    title: "New import",
    type: "What the file holds",
    file: "CSV file",
    awardPoints: "Award loyalty points for these orders (off: historical orders earn nothing)",
    emitCustomerCreated: "Send a customer.created webhook for each new customer",
    validate: "Validate (dry run)",
    uploadFailed: "The file could not be validated",
    columns: "Columns (* required; one row per order line for orders)",
  },
  staging: "Reading and validating the file…",
  summary: {
    rows: "Rows",
    ready: "Ready to import",
    problems: "Rows with problems",
    existing: "Already present (skipped)",
    inserted: "Imported",
  },
  progress: "{processed} of {ready} handled",
  failed: "The import stopped",
  actionFailed: "That did not work",
  actions: {
    start: "Import {n} rows",
    resume: "Resume",
    cancel: "Cancel import",
    downloadReport: "Download report (CSV)",
    new: "New import",
  },
  report: {
    title: "Problems",
    row: "Row",
    column: "Column",
    reason: "Problem",
    empty: "No problems: every row is valid.",
    loadFailed: "The report could not be loaded.",
    count: "No problems | 1 problem | {n} problems",
  },
  recent: {
    title: "Recent imports",
    empty: "No imports yet.",
    file: "File",
    type: "Type",
    status: "Status",
    rows: "Rows",
    counts: "{inserted} of {ready} imported",
    created: "Started",
  },
  confirmStart: {
    title: "Start the import?",
    body: "{n} rows will be written in the background ({existing} already present are skipped). Rows with problems are left out.",
    confirm: "Import",
  },
  confirmCancel: {
    title: "Cancel the import?",
    body: "It stops after the batch in hand. What is imported stays; you can resume later.",
    confirm: "Cancel import",
    keep: "Keep importing",
  },
  export: {
    csv: "Export CSV",
    customers: "Export all customers as CSV",
    members: "Export members as CSV",
    ledger: "Export ledger as CSV",
    responses: "Export responses as CSV",
  },
};

export default imports;
