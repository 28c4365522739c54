import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { Connection, enumOf } from "../../common/graphql-types";

export const ImportTypeEnum = enumOf(
  ["customers", "orders"] as const,
  "ImportType",
  "What a CSV import holds: customers, or orders (one CSV row per order line).",
  {
    CUSTOMERS: "Customers, one per row, keyed by external id.",
    ORDERS: "Orders, one row per order line; adjacent rows with the same order id form one order.",
  },
);

export const ImportStatusEnum = enumOf(
  ["awaiting_file", "staging", "validated", "running", "done", "failed", "cancelled"] as const,
  "ImportStatus",
  "awaiting_file (upload the CSV), staging (being read), validated (dry run done: see the problems, then start), running, done, failed (resumable once started), cancelled (resumable).",
  {
    AWAITING_FILE: "Created: upload the CSV next.",
    STAGING: "The file is being read and checked.",
    VALIDATED: "Dry run done: read the problems, then start the import.",
    RUNNING: "Rows are being written in chunks.",
    DONE: "Every valid row is written.",
    FAILED: "Stopped by an error; resumable once started.",
    CANCELLED: "Cancelled by a user; resumable.",
  },
);

@ObjectType({ description: "How an import runs." })
export class ImportOptionsType {
  @Field({
    description:
      "Orders: earn loyalty for imported orders as if recorded now. Off by default: history earns nothing.",
  })
  awardPoints: boolean;

  @Field({
    description:
      "Customers: write customer.created to the webhook outbox for each new customer. Off by default.",
  })
  emitCustomerCreated: boolean;

  @Field(() => Int, { description: "Staged rows moved per transaction." })
  chunkSize: number;
}

@ObjectType("Import", {
  description:
    "A CSV import: upload (PUT uploadPath) validates every row (the dry run, writing nothing), start moves the valid rows in a resumable background job.",
})
export class ImportObject {
  @Field(() => ID, { description: "The import's id." })
  id: string;

  @Field(() => ImportTypeEnum, { description: "What the file holds." })
  type: "customers" | "orders";

  @Field(() => ImportStatusEnum, { description: "Where the import stands." })
  status: string;

  @Field(() => String, { nullable: true, description: "The file's name, as given." })
  fileName: string | null;

  @Field(() => ImportOptionsType, { description: "How it runs." })
  options: ImportOptionsType;

  @Field(() => Int, { description: "Data rows in the file (the header not counted)." })
  totalRows: number;

  @Field(() => Int, {
    description: "Customers or orders that passed validation and will be imported.",
  })
  readyCount: number;

  @Field(() => Int, { description: "Rows with at least one problem (not imported)." })
  problemRows: number;

  @Field(() => Int, {
    description:
      "Of the ready ones, how many already existed at validation (same external id / order id): skipped.",
  })
  existingCount: number;

  @Field(() => Int, { description: "Ready rows handled by the run so far." })
  processedCount: number;

  @Field(() => Int, { description: "Rows the run inserted." })
  insertedCount: number;

  @Field(() => Int, { description: "Rows the run skipped because they already existed." })
  skippedCount: number;

  @Field(() => Float, { description: "processedCount / readyCount, 0 to 1." })
  progress: number;

  @Field(() => String, { nullable: true, description: "Why the upload or the run failed." })
  error: string | null;

  @Field({ description: "Where to PUT the CSV file (text/csv body), relative to the API." })
  uploadPath: string;

  @Field({ description: "Where to GET the problem report as CSV (row,column,reason)." })
  problemsCsvPath: string;

  @Field({ description: "When the import was created." })
  createdAt: Date;

  @Field({ description: "Last change." })
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: "When the run first started." })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When it finished, failed or was cancelled." })
  finishedAt: Date | null;
}

@ObjectType({ description: "One problem of one CSV row." })
export class ImportProblem {
  @Field(() => Int, { description: "CSV row number; the header is row 1." })
  row: number;

  @Field({ description: 'The CSV column it is about ("*" for the whole row).' })
  column: string;

  @Field({ description: "What is wrong." })
  reason: string;
}

export const ImportConnection = Connection(ImportObject, "Import");
export const ImportProblemConnection = Connection(ImportProblem, "ImportProblem");

@ObjectType({ description: "A column an import file may have." })
export class ImportColumn {
  @Field({ description: "Header name (case-insensitive)." })
  name: string;

  @Field({ description: "Whether every file must have it." })
  required: boolean;

  @Field({ description: "What it holds, and its default when empty." })
  description: string;
}

@InputType({ description: "Options of a new import; all optional." })
export class ImportOptionsInput {
  @Field({ nullable: true, description: "Orders: earn loyalty for imported orders (default off)." })
  awardPoints?: boolean;

  @Field({
    nullable: true,
    description: "Customers: announce each new customer to webhooks (default off).",
  })
  emitCustomerCreated?: boolean;

  @Field(() => Int, { nullable: true, description: "Rows per transaction (1-100000, 5000)." })
  chunkSize?: number;
}

@InputType({ description: "A new import, before its file is uploaded." })
export class CreateImportInput {
  @Field(() => ImportTypeEnum, { description: "What the file holds." })
  type: "customers" | "orders";

  @Field(() => String, { nullable: true, description: "The file's name, for the list." })
  fileName?: string | null;

  @Field(() => ImportOptionsInput, { nullable: true, description: "How it runs." })
  options?: ImportOptionsInput | null;
}
