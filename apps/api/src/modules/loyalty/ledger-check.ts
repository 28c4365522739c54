import type { LoyaltyService } from "./loyalty.service";

/** Verifies every balance against its ledger and lots; returns the process exit code. */
export async function runLedgerCheck(
  loyalty: Pick<LoyaltyService, "checkLedger">,
  write: (line: string) => void,
): Promise<number> {
  const mismatches = await loyalty.checkLedger();
  if (mismatches.length === 0) {
    write("ledger check: every balance equals the sum of its ledger entries and lots");
    return 0;
  }
  for (const m of mismatches)
    write(
      `MISMATCH program ${m.programId} customer ${m.customerId}: balance ${m.balance} vs ledger ${m.ledgerBalance}, pending ${m.pending} vs ledger ${m.ledgerPending}, lots ${m.lots}`,
    );
  write(`ledger check: ${mismatches.length} account(s) disagree with their ledger`);
  return 1;
}
