import { describe, expect, it } from "vitest";
import { defineComponent, h, ref, type ComputedRef } from "vue";
import { mount } from "@vue/test-utils";
import { createAppI18n, type AppLocale } from "@/i18n";
import ProgramField from "./form/ProgramField.vue";
import { isBlankProblem, provideProblemScope, useProgramProblemText } from "./problems";
import type { FormProblem } from "./program-form";

/** A form with one field at `config.tiers[0].threshold`, and the problem wording. */
function mountForm(problems: FormProblem[], locale: AppLocale = "en") {
  const seen = {} as {
    unplaced: ComputedRef<FormProblem[]>;
    text: ReturnType<typeof useProgramProblemText>;
  };
  const Form = defineComponent({
    setup() {
      seen.unplaced = provideProblemScope(ref(problems)).unplaced;
      seen.text = useProgramProblemText();
      return () =>
        h(ProgramField, { label: "From", path: "config.tiers[0].threshold" }, () => h("input"));
    },
  });
  const wrapper = mount(Form, { global: { plugins: [createAppI18n(locale)] } });
  return { wrapper, ...seen };
}

describe("program problems", () => {
  it("places problems on the fields that show their paths; the rest are unplaced", () => {
    const { wrapper, unplaced } = mountForm([
      { path: "config.tiers[0].threshold", message: "Too small: expected number to be >=0" },
      { path: "config.tiers", message: "something else" },
    ]);
    expect(wrapper.find('[data-path="config.tiers[0].threshold"]').text()).toContain(
      "Must be at least 0.",
    );
    expect(unplaced.value).toEqual([{ path: "config.tiers", message: "something else" }]);
  });

  it("words the domain's problems in the interface language, limits in the field's unit", () => {
    const { text } = mountForm([], "nl");
    expect(text("Invalid input: expected number, received undefined")).toBe("Vul dit in.");
    expect(text("Too big: expected number to be <=10000", (n) => String(n / 100))).toBe(
      "Mag hoogstens 100 zijn.",
    );
    expect(
      text("must be above the previous tier's threshold (5000): list them", (n) => String(n / 100)),
    ).toContain("(50)");
    expect(text("something new")).toBe("Something new");
  });

  it("knows a blank from a wrong value", () => {
    expect(isBlankProblem("Too small: expected string to have >=1 characters")).toBe(true);
    expect(isBlankProblem("Too small: expected number to be >0")).toBe(false);
  });
});
