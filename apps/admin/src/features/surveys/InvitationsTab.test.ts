import { afterEach, describe, expect, it, vi } from "vitest";
import { enableAutoUnmount, flushPromises, mount } from "@vue/test-utils";
import urql from "@urql/vue";
import { createAppI18n } from "@/i18n";
import { fakeClient, type FakeHandlers } from "@/testing/fake-client";
import InvitationsTab from "./InvitationsTab.vue";
import { SEGMENT_ID, SURVEY_ID, surveyDetail } from "./fixtures";
import { csvRowCount, invitationsFileName, parseCustomerList } from "./use-survey-invitations";

enableAutoUnmount(afterEach);

const CSV =
  "customer_id,external_id,email,name,locale,link,expires_at\r\n" +
  'c1,cust-1,ann@example.com,"Ann, ""the"" buyer",en,http://x/s/a,2025-04-01\r\n' +
  "c2,cust-2,bob@example.com,Bob,nl,http://x/s/b,2025-04-01\r\n";

const SEGMENTS = {
  data: { segments: { edges: [{ node: { id: SEGMENT_ID, name: "VIP", memberCount: 120 } }] } },
};

async function mountTab(handlers: FakeHandlers, audienceSegmentId: string | null = SEGMENT_ID) {
  const { client, calls } = fakeClient({ SegmentOptions: SEGMENTS, ...handlers });
  const download = vi.fn();
  const wrapper = mount(InvitationsTab, {
    props: { survey: surveyDetail({ status: "ACTIVE", audienceSegmentId }), download },
    global: { plugins: [createAppI18n("en"), [urql, client]] },
    attachTo: document.body,
  });
  await flushPromises();
  const called = (name: string) => calls.filter((c) => c.name === name);
  return { wrapper, download, called };
}

async function confirm() {
  const dialog = document.querySelector('[data-test="invite-dialog"]')!;
  [...dialog.querySelectorAll("button")]
    .find((b) => b.textContent?.includes("Create and download"))!
    .click();
  await flushPromises();
}

describe("invitation links", () => {
  it("reads pasted customers one per line, or separated by commas, once each", () => {
    expect(parseCustomerList("cust-1\ncust-2, cust-3;cust-1\n\n  ")).toEqual([
      "cust-1",
      "cust-2",
      "cust-3",
    ]);
  });

  it("counts the links in the CSV, a quoted name with a comma or line break being one field", () => {
    expect(csvRowCount(CSV)).toBe(2);
    expect(csvRowCount('h\r\n"two\r\nlines",x\r\nlast')).toBe(2);
    expect(csvRowCount("h\r\n")).toBe(0);
    expect(invitationsFileName("How are we doing?", new Date("2025-03-01T12:00:00Z"))).toBe(
      "how-are-we-doing-links-2025-03-01.csv",
    );
  });

  it("creates links for a segment's members after a warning that they are shown once, and downloads them", async () => {
    const { wrapper, download, called } = await mountTab({
      ExportSurveyInvitations: { data: { exportSurveyInvitations: CSV } },
    });
    await wrapper.find('[data-test="invite-start"]').trigger("click");
    await flushPromises();
    expect(called("ExportSurveyInvitations")).toHaveLength(0);
    const dialog = document.querySelector('[data-test="invite-dialog"]')!.textContent!;
    expect(dialog).toContain("each of the 120 current members of “VIP”");
    expect(dialog).toContain("The links are shown only this once");
    await confirm();
    expect(called("ExportSurveyInvitations")[0]!.variables).toEqual({
      input: { surveyId: SURVEY_ID, expiresInDays: 30, segmentId: SEGMENT_ID },
    });
    expect(download).toHaveBeenCalledWith(
      CSV,
      expect.stringMatching(/^how-are-we-doing-links-\d{4}-\d\d-\d\d\.csv$/),
    );
    expect(wrapper.find('[data-test="invite-done"]').text()).toContain(
      "2 links are in how-are-we-doing-links-",
    );
  });

  it("finds pasted customers by the shop's own id or the Trouw id, and names those it cannot find", async () => {
    const { wrapper, called } = await mountTab({
      InvitationCustomer: (v) => ({
        data: {
          customer:
            v.externalId === "cust-1"
              ? { id: "11111111-1111-4111-8111-111111111111", externalId: "cust-1" }
              : v.id === "22222222-2222-4222-8222-222222222222"
                ? { id: v.id, externalId: "cust-2" }
                : null,
        },
      }),
      ExportSurveyInvitations: { data: { exportSurveyInvitations: CSV } },
    });
    await wrapper.find('[data-test="invite-mode"] input[value="customers"]').setValue(true);
    await flushPromises();
    await wrapper
      .find('[data-test="invite-customers"] textarea')
      .setValue("cust-1\n22222222-2222-4222-8222-222222222222\nnobody");
    await wrapper.find('[data-test="invite-start"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-test="invite-unknown"]').text()).toContain("nobody");
    expect(document.querySelector('[data-test="invite-dialog"]')!.textContent).toContain(
      "A link for each of the 2 customers found.",
    );
    await confirm();
    expect(called("ExportSurveyInvitations")[0]!.variables.input).toEqual({
      surveyId: SURVEY_ID,
      expiresInDays: 30,
      customerIds: ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"],
    });
  });

  it("asks whom to invite before anything is created", async () => {
    const { wrapper, called } = await mountTab({}, null);
    await wrapper.find('[data-test="invite-start"]').trigger("click");
    await flushPromises();
    expect(wrapper.text()).toContain("Choose whom to invite.");
    expect(document.querySelector('[data-test="invite-dialog"]')).toBeNull();
    expect(called("ExportSurveyInvitations")).toHaveLength(0);
  });
});
