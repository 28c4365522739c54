import { ref } from "vue";

/**
 * A yes/no question as a promise, for a dialog the page renders itself (no provider needed):
 * `ask()` opens it; `answer(yes)` closes it and settles the promise.
 */
export function useConfirm() {
  const open = ref(false);
  let settle: ((yes: boolean) => void) | null = null;
  return {
    open,
    ask(): Promise<boolean> {
      settle?.(false);
      open.value = true;
      return new Promise((resolve) => (settle = resolve));
    },
    answer(yes: boolean) {
      open.value = false;
      settle?.(yes);
      settle = null;
    },
  };
}
