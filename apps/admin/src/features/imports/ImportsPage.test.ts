import { afterEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import { fakeClient, type FakeHandlers } from "@/testing/fake-client";
import { mountPage } from "@/testing/mount-app";
import ImportsPage from "./ImportsPage.vue";

enableAutoUnmount(afterEach);
afterEach(() => vi.unstubAllGlobals());
vi.setConfig({ testTimeout: 20_000 });

function item(over: Record<string, unknown> = {}) {
  return {
    __typename: "Import",
    id: "i1",
    type: "CUSTOMERS",
    status: "AWAITING_FILE",
    fileName: "customers.csv",
    options: {
      __typename: "ImportOptionsType",
      awardPoints: false,
      emitCustomerCreated: false,
      chunkSize: 5000,
    },
    totalRows: 0,
    readyCount: 0,
    problemRows: 0,
    existingCount: 0,
    processedCount: 0,
    insertedCount: 0,
    skippedCount: 0,
    progress: 0,
    error: null,
    uploadPath: "/imports/i1/file",
    problemsCsvPath: "/imports/i1/problems.csv",
    createdAt: "2026-06-01T10:00:00.000Z",
    finishedAt: null,
    ...over,
  };
}

const problems = {
  data: {
    importProblems: {
      totalCount: 2,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: "a", endCursor: "b" },
      edges: [
        { node: { row: 3, column: "email", reason: "is not a valid email address" } },
        { node: { row: 7, column: "external_id", reason: "is required" } },
      ],
    },
  },
};

async function mountImports(overrides: FakeHandlers = {}) {
  const { client, calls } = fakeClient({
    Imports: { data: { imports: { totalCount: 0, edges: [] } } },
    ImportColumns: {
      data: {
        importColumns: [{ name: "external_id", required: true, description: "Your id" }],
      },
    },
    CreateImport: { data: { createImport: item() } },
    ImportProblems: problems,
    ...overrides,
  });
  const mounted = await mountPage({ client, page: ImportsPage, path: "/imports", at: "/imports" });
  await flushPromises();
  return { ...mounted, called: (name: string) => calls.filter((c) => c.name === name) };
}

const button = (root: Element, text: string) =>
  [...root.querySelectorAll("button")].find((b) => b.textContent?.includes(text))!;

describe("import page", () => {
  it("validates a file (dry run), shows the report, then starts only after a confirmation", async () => {
    const fetchMock = vi.fn(async () =>
      Response.json({
        import: item({ status: "VALIDATED", totalRows: 9, readyCount: 7, problemRows: 2 }),
      }),
    );
    vi.stubGlobal("fetch", fetchMock);
    const { wrapper, called } = await mountImports({
      StartImport: {
        data: {
          startImport: item({
            status: "DONE",
            readyCount: 7,
            processedCount: 7,
            insertedCount: 7,
            progress: 1,
          }),
        },
      },
    });
    expect(wrapper.find('[data-test="recent-empty"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="validate"]').attributes("disabled")).toBeDefined();

    const input = wrapper.find('[data-test="import-file"]');
    const file = new File(["external_id\nA\n"], "customers.csv", { type: "text/csv" });
    Object.defineProperty(input.element, "files", { value: [file] });
    await input.trigger("change");
    await wrapper.find('[data-test="import-form"] form').trigger("submit");
    await flushPromises();

    expect(called("CreateImport")[0]!.variables).toEqual({
      input: {
        type: "CUSTOMERS",
        fileName: "customers.csv",
        options: { emitCustomerCreated: false },
      },
    });
    expect(fetchMock).toHaveBeenCalledWith(
      "/imports/i1/file",
      expect.objectContaining({ method: "PUT", body: file }),
    );
    expect(wrapper.find('[data-test="ready-count"]').text()).toBe("7");
    expect(wrapper.find('[data-test="problem-rows"]').text()).toBe("2");
    const report = wrapper.find('[data-test="report-table"]').text();
    expect(report).toContain("is not a valid email address");
    expect(report).toContain("external_id");
    expect(wrapper.find('[data-test="download-report"]').attributes("href")).toBe(
      "/imports/i1/problems.csv",
    );

    await wrapper.find('[data-test="start-import"]').trigger("click");
    await flushPromises();
    const dialog = document.querySelector('[data-test="confirm-start"]')!;
    expect(called("StartImport")).toHaveLength(0);
    button(dialog, "Import").click();
    await flushPromises();
    expect(called("StartImport")[0]!.variables).toEqual({ id: "i1" });
    expect(wrapper.find('[data-test="inserted-count"]').text()).toBe("7");
  });

  it("shows why a file was refused, by header problem", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        Response.json(
          {
            errors: [
              {
                message: "The CSV header is not valid",
                extensions: {
                  code: "BAD_USER_INPUT",
                  problems: [
                    { path: "header", message: 'required column "external_id" is missing' },
                  ],
                },
              },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const { wrapper } = await mountImports();
    const input = wrapper.find('[data-test="import-file"]');
    Object.defineProperty(input.element, "files", { value: [new File(["x\n1\n"], "bad.csv")] });
    await input.trigger("change");
    await wrapper.find('[data-test="import-form"] form').trigger("submit");
    await flushPromises();
    const alert = wrapper.find('[data-test="upload-error"]').text();
    expect(alert).toContain("The CSV header is not valid");
    expect(alert).toContain('required column "external_id" is missing');
  });

  it("resumes a failed import from the recent list", async () => {
    const failed = item({
      status: "FAILED",
      readyCount: 10,
      processedCount: 4,
      progress: 0.4,
      error: "boom",
    });
    const { wrapper, called } = await mountImports({
      Imports: { data: { imports: { totalCount: 1, edges: [{ node: failed }] } } },
      ResumeImport: {
        data: {
          resumeImport: item({ status: "DONE", readyCount: 10, processedCount: 10, progress: 1 }),
        },
      },
    });
    await wrapper.find('[data-test="open-import"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-test="import-current"]').text()).toContain("boom");
    await wrapper.find('[data-test="resume-import"]').trigger("click");
    await flushPromises();
    expect(called("ResumeImport")[0]!.variables).toEqual({ id: "i1" });
  });
});
