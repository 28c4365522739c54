import { afterEach, describe, expect, it } from "vitest";
import { enableAutoUnmount, flushPromises } from "@vue/test-utils";
import type { SessionUser } from "@/features/auth/use-session";
import { fakeClient, gqlError, type FakeHandlers } from "@/testing/fake-client";
import { ADMIN, ANALYST, SUPPORT, mountPage } from "@/testing/mount-app";
import CustomerPage from "./CustomerPage.vue";
import { connection, customerDetail, supportContact, timelineEvent } from "./fixtures";

enableAutoUnmount(afterEach);

function handlers(overrides: FakeHandlers = {}): FakeHandlers {
  return {
    Customer: { data: { customer: customerDetail() } },
    CustomerTimeline: {
      data: {
        customer: {
          id: "c1",
          timeline: connection([
            timelineEvent({
              id: "e2",
              type: "ORDER",
              amount: { amountMinor: 4999, currency: "EUR" },
              orderId: "o-1001",
            }),
            timelineEvent({
              id: "e1",
              type: "PAGE_VIEW",
              amount: null,
              orderId: null,
              payload: { url: "/shoes" },
            }),
          ]),
        },
      },
    },
    CustomerSupportContacts: {
      data: { customer: { id: "c1", supportContacts: connection([supportContact()]) } },
    },
    CustomerTags: { data: { customerTags: ["vip"] } },
    CustomerConsent: {
      data: {
        customer: {
          id: "c1",
          email: "anna@example.com",
          erasedAt: null,
          consents: [
            {
              purpose: "MARKETING_EMAIL",
              granted: true,
              since: "2026-05-01T10:00:00.000Z",
              source: "WEB_FORM",
            },
            { purpose: "MARKETING_SMS", granted: false, since: null, source: null },
            { purpose: "PROFILING", granted: false, since: null, source: null },
          ],
        },
      },
    },
    CustomerLoyalty: { data: { loyaltyStatus: [] } },
    CustomerSegments: {
      data: {
        customer: {
          id: "c1",
          segments: [{ id: "s1", name: "Loyal customers", memberCount: 120 }],
        },
      },
    },
    ...overrides,
  };
}

async function mountCustomer(
  options: { user?: SessionUser; handlers?: FakeHandlers; locale?: "en" | "nl" } = {},
) {
  const { client, calls } = fakeClient(options.handlers ?? handlers());
  const mounted = await mountPage({
    client,
    page: CustomerPage,
    path: "/customers/:id",
    at: "/customers/c1",
    user: options.user ?? ADMIN,
    locale: options.locale,
  });
  return { ...mounted, calls };
}

describe("CustomerPage", () => {
  it("shows the profile and the contact guidance for the customer's colour", async () => {
    const { wrapper } = await mountCustomer();
    expect(wrapper.find('[data-test="customer-name"]').text()).toBe("Anna de Vries");
    const profile = wrapper.find('[data-test="profile"]').text();
    expect(profile).toContain("anna@example.com");
    expect(profile).toContain("+31 6 12345678");
    expect(profile).toContain("shoeSize");

    const guidance = wrapper.find('[data-test="personality"]');
    expect(guidance.find('[data-colour="BLUE"]').text()).toContain("Blue");
    expect(guidance.find('[data-test="guidance-summary"]').text()).toBe(
      "Gives the order number and the problem at once.",
    );
    expect(guidance.findAll('[data-test="guidance-list"] li').map((li) => li.text())).toEqual([
      "Give precise facts.",
      "State clear timelines.",
      "Keep every promise you make.",
    ]);
  });

  it("shows built-in guidance in Dutch, and a retailer's own guidance as written", async () => {
    const { wrapper } = await mountCustomer({ locale: "nl" });
    expect(wrapper.find('[data-test="guidance-summary"]').text()).toBe(
      "Noemt meteen het bestelnummer en het probleem.",
    );
    expect(wrapper.find('[data-colour="BLUE"]').text()).toContain("Blauw");

    const own = {
      colour: "BLUE" as const,
      summary: "Our own words.",
      guidance: ["Call back within the hour."],
    };
    const custom = await mountCustomer({
      locale: "nl",
      handlers: handlers({
        Customer: { data: { customer: customerDetail({ contactGuidance: own }) } },
      }),
    });
    expect(custom.wrapper.find('[data-test="guidance-summary"]').text()).toBe("Our own words.");
    expect(custom.wrapper.findAll('[data-test="guidance-list"] li').map((li) => li.text())).toEqual(
      ["Call back within the hour."],
    );
  });

  it("says so when no colour is set", async () => {
    const { wrapper } = await mountCustomer({
      handlers: handlers({
        Customer: {
          data: { customer: customerDetail({ personalityColour: null, contactGuidance: null }) },
        },
      }),
    });
    expect(wrapper.find('[data-test="guidance-none"]').exists()).toBe(true);
  });

  it("lists timeline events newest first, with money from minor units", async () => {
    const { wrapper } = await mountCustomer();
    const items = wrapper.findAll('[data-test="timeline-item"]');
    expect(items.map((item) => item.attributes("data-type"))).toEqual(["ORDER", "PAGE_VIEW"]);
    expect(items[0]!.text()).toContain("Order");
    expect(items[0]!.find('[data-test="event-detail"]').text()).toBe("€49.99");
    expect(items[0]!.text()).toContain("Order o-1001");
    expect(items[1]!.text()).toContain("Page view");
    expect(items[1]!.text()).toContain("/shoes");
  });

  it("describes events in words and links a referral to the referred customer", async () => {
    const events = [
      timelineEvent({
        id: "e5",
        type: "SUPPORT_CONTACT_UPDATED",
        amount: null,
        orderId: null,
        payload: {
          contactId: "s1",
          before: { status: "open" },
          after: { status: "resolved", resolution: "Refunded" },
        },
      }),
      timelineEvent({
        id: "e4",
        type: "REFERRAL",
        amount: null,
        orderId: null,
        payload: { referredCustomerId: "c9" },
      }),
      timelineEvent({
        id: "e3",
        type: "ORDER",
        payload: { grossMinor: 5999, itemCount: 3, channel: "web" },
      }),
    ];
    const { wrapper } = await mountCustomer({
      handlers: handlers({
        CustomerTimeline: { data: { customer: { id: "c1", timeline: connection(events) } } },
      }),
    });
    const items = wrapper.findAll('[data-test="timeline-item"]');
    expect(items[0]!.text()).toContain("Status: Open → Resolved");
    expect(items[0]!.text()).toContain("Resolution: Refunded");
    expect(items[1]!.find("a").attributes("href")).toBe("/customers/c9");
    expect(items[2]!.text()).toContain("3 items");
    expect(items[2]!.text()).not.toContain("5999");
  });

  it("formats money the Dutch way in Dutch", async () => {
    const { wrapper } = await mountCustomer({ locale: "nl" });
    expect(wrapper.find('[data-test="event-detail"]').text()).toMatch(/€\s?49,99/);
    expect(wrapper.find('[data-test="timeline-item"]').text()).toContain("Bestelling");
  });

  it("loads more timeline events after the last cursor", async () => {
    let page = 0;
    const { wrapper, calls } = await mountCustomer({
      handlers: handlers({
        CustomerTimeline: () => {
          page += 1;
          const events =
            page === 1
              ? [timelineEvent({ id: "e3" })]
              : [timelineEvent({ id: "e2", type: "REFUND" })];
          return { data: { customer: { id: "c1", timeline: connection(events, page === 1, 2) } } };
        },
      }),
    });
    await wrapper.find('[data-test="timeline-more"]').trigger("click");
    await flushPromises();
    expect(
      wrapper.findAll('[data-test="timeline-item"]').map((i) => i.attributes("data-type")),
    ).toEqual(["ORDER", "REFUND"]);
    expect(
      calls.filter((c) => c.name === "CustomerTimeline").map((c) => c.variables.after),
    ).toEqual([null, "end-1"]);
    expect(wrapper.find('[data-test="timeline-more"]').exists()).toBe(false);
  });

  it("lets an analyst read but not edit", async () => {
    const { wrapper } = await mountCustomer({ user: ANALYST });
    expect(wrapper.find('[data-test="support-contact"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="edit-profile"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="contact-edit"]').exists()).toBe(false);
  });

  it("lets support staff update support contacts but not the profile", async () => {
    const { wrapper } = await mountCustomer({ user: SUPPORT });
    expect(wrapper.find('[data-test="edit-profile"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="contact-edit"]').exists()).toBe(true);
  });

  it("saves a support contact's new resolution and shows the result", async () => {
    const resolved = supportContact({ status: "OPEN", resolution: "Sent a new pair." });
    const { wrapper, calls } = await mountCustomer({
      user: SUPPORT,
      handlers: handlers({ UpdateSupportContact: { data: { updateSupportContact: resolved } } }),
    });
    await wrapper.find('[data-test="contact-edit"]').trigger("click");
    await wrapper.find('[data-test="contact-resolution"] textarea').setValue("Sent a new pair.");
    await wrapper.find('[data-test="contact-editor"]').trigger("submit");
    await flushPromises();
    expect(calls.find((c) => c.name === "UpdateSupportContact")!.variables).toEqual({
      id: "s1",
      input: { resolution: "Sent a new pair." },
    });
    expect(wrapper.find('[data-test="contact-editor"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="support-contact"]').text()).toContain("Sent a new pair.");
    // The API logged the change as an event, so the timeline asks again.
    expect(calls.filter((c) => c.name === "CustomerTimeline")).toHaveLength(2);
  });

  it("shows the API's field errors next to the fields of the profile form", async () => {
    const { wrapper, calls } = await mountCustomer({
      handlers: handlers({
        UpdateCustomer: gqlError("Invalid input", {
          code: "BAD_USER_INPUT",
          problems: [{ path: "input.email", message: "This email address is already in use." }],
        }),
      }),
    });
    await wrapper.find('[data-test="edit-profile"]').trigger("click");
    await wrapper.find('[data-test="field-email"] input').setValue("bram@example.com");
    await wrapper.find('[data-test="profile-form"] form').trigger("submit");
    await flushPromises();

    expect(calls.find((c) => c.name === "UpdateCustomer")!.variables).toEqual({
      id: "c1",
      input: { email: "bram@example.com" },
    });
    expect(wrapper.find('[data-test="field-email"]').text()).toContain(
      "This email address is already in use.",
    );
    expect(wrapper.find('[data-test="form-error"]').exists()).toBe(false);
  });

  it("checks the profile form before sending it", async () => {
    const { wrapper, calls } = await mountCustomer();
    await wrapper.find('[data-test="edit-profile"]').trigger("click");
    await wrapper.find('[data-test="field-email"] input').setValue("not-an-email");
    await wrapper.find('[data-test="profile-form"] form').trigger("submit");
    await flushPromises();
    expect(calls.some((c) => c.name === "UpdateCustomer")).toBe(false);
    expect(wrapper.find('[data-test="field-email"]').text()).toContain(
      "Enter a valid email address.",
    );
  });

  it("tells when the customer does not exist", async () => {
    const { wrapper } = await mountCustomer({
      handlers: handlers({ Customer: { data: { customer: null } } }),
    });
    expect(wrapper.text()).toContain("There is no customer with this id.");
  });

  it("shows consent per purpose, and the privacy actions to admins only", async () => {
    const { wrapper } = await mountCustomer();
    const privacy = wrapper.find('[data-test="customer-privacy"]');
    expect(privacy.find('[data-purpose="MARKETING_EMAIL"]').text()).toContain("Given");
    expect(privacy.find('[data-purpose="MARKETING_EMAIL"]').text()).toContain("via web form");
    expect(privacy.find('[data-purpose="MARKETING_SMS"]').text()).toContain("Not given");
    expect(privacy.find('[data-test="export-data"]').exists()).toBe(true);
    expect(privacy.find('[data-test="erase-customer"]').exists()).toBe(true);

    const analyst = await mountCustomer({ user: ANALYST });
    const readOnly = analyst.wrapper.find('[data-test="customer-privacy"]');
    expect(readOnly.find('[data-purpose="MARKETING_EMAIL"]').exists()).toBe(true);
    expect(readOnly.find('[data-test="export-data"]').exists()).toBe(false);
    expect(readOnly.find('[data-test="erase-customer"]').exists()).toBe(false);
  });

  it("erases only after a reason and the customer's email are typed", async () => {
    const { wrapper, calls } = await mountCustomer({
      handlers: handlers({
        EraseCustomer: {
          data: {
            eraseCustomer: {
              id: "c1",
              externalId: "erased:x",
              email: null,
              name: null,
              phone: null,
              birthDate: null,
              tags: [],
              attributes: {},
              marketingConsent: false,
              erasedAt: "2026-06-15T10:00:00.000Z",
            },
          },
        },
      }),
    });
    await wrapper.find('[data-test="erase-customer"]').trigger("click");
    await flushPromises();
    const dialog = document.querySelector('[data-test="erase-confirm"]')!;
    expect(dialog.textContent).toContain("cannot be undone");
    const submit = () => document.querySelector<HTMLButtonElement>('[data-test="erase-submit"]')!;
    const fill = async (selector: string, value: string) => {
      const input = document.querySelector<HTMLInputElement>(`${selector} input`)!;
      input.value = value;
      input.dispatchEvent(new Event("input"));
      await flushPromises();
    };
    expect(submit().disabled).toBe(true);
    await fill('[data-test="erase-reason"]', "Request 118");
    await fill('[data-test="erase-typed"]', "ERASE");
    expect(submit().disabled).toBe(true);
    await fill('[data-test="erase-typed"]', "anna@example.com");
    expect(submit().disabled).toBe(false);
    submit().click();
    await flushPromises();
    expect(calls.filter((c) => c.name === "EraseCustomer").map((c) => c.variables)).toEqual([
      { customerId: "c1", reason: "Request 118" },
    ]);
  });
});
