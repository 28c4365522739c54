import { z } from "zod";
import type { ConditionKind } from "../registry";
import { compileNode, evaluateNode } from "../engine";

const args = z.object({ segmentId: z.string().uuid() });

/** Member of another saved segment; its rule is evaluated (or compiled) in place, cycles refused. */
export const segmentMember: ConditionKind<z.infer<typeof args>> = {
  kind: "segment_member",
  label: "Member of segment",
  args,
  evaluate({ segmentId }, subject, ctx) {
    const rule = ctx.segmentRule?.(segmentId);
    if (!rule || ctx.visiting?.has(segmentId)) return { holds: false, seen: null };
    const holds = evaluateNode(rule.root, subject, {
      ...ctx,
      visiting: new Set([...(ctx.visiting ?? []), segmentId]),
    });
    return { holds, seen: holds };
  },
  toSql({ segmentId }, ctx) {
    const rule = ctx.segmentRule?.(segmentId);
    if (!rule) return "false";
    if (ctx.visiting?.has(segmentId)) throw new Error(`segment ${segmentId} refers to itself`);
    return compileNode(rule.root, {
      ...ctx,
      visiting: new Set([...(ctx.visiting ?? []), segmentId]),
    });
  },
  describe: ({ segmentId }) => `member of segment ${segmentId}`,
  references: ({ segmentId }) => [segmentId],
};
