import { inject, provide, type InjectionKey, type Ref } from "vue";
import type { ProgramDraft } from "../program-form";

/** What the sections of the program form share: the draft they edit and the program's rewards. */
export interface ProgramFormContext {
  draft: Ref<ProgramDraft>;
  /** Rewards of the saved program, for the pickers that grant one (none while new). */
  rewards: Ref<readonly { id: string; name: string }[]>;
}

const FormKey: InjectionKey<ProgramFormContext> = Symbol("program-form");

export function provideProgramForm(context: ProgramFormContext) {
  provide(FormKey, context);
}

export function useProgramForm(): ProgramFormContext {
  const context = inject(FormKey);
  if (!context) throw new Error("program form sections need provideProgramForm()");
  return context;
}
