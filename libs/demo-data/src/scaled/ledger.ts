import type { Actor } from './context';
import type { LedgerEntryRow, SpendingReviewRow } from './model';
import type { Instant } from './time';

type EntryDraft = Omit<LedgerEntryRow, 'id' | 'reversesEntryId'> & { reverses: EntryDraft | null };
type ReviewDraft = Omit<SpendingReviewRow, 'id' | 'entryId'> & { entry: EntryDraft };

/**
 * The city's ledger as it is written: entries and spending reviews take their ids from one
 * sequence in the order they were recorded, so within an award the ids give the order of events
 * (see the funding ledger migration). Drafts are collected park by park and numbered at the end.
 */
export class LedgerBook {
  private readonly entries: EntryDraft[] = [];
  private readonly reviews: ReviewDraft[] = [];

  entry(fields: Omit<EntryDraft, 'recordedBy' | 'recordedRole' | 'reverses'> & { actor: Actor; reverses?: EntryDraft }): EntryDraft {
    const { actor, reverses, ...rest } = fields;
    const draft: EntryDraft = { ...rest, reverses: reverses ?? null, recordedBy: actor.subject, recordedRole: actor.role };
    this.entries.push(draft);
    return draft;
  }

  review(entry: EntryDraft, decision: 'ACCEPT' | 'RETURN', reason: string | null, actor: Actor, reviewedAt: Instant): void {
    this.reviews.push({ entry, decision, reason, reviewedBy: actor.subject, reviewedRole: actor.role, reviewedAt });
  }

  /** Ids 1, 2, … in recording order (ties in the order they were drafted). */
  rows(): { ledgerEntry: LedgerEntryRow[]; spendingReview: SpendingReviewRow[] } {
    const ordered = [...this.entries.map((draft, index) => ({ at: draft.recordedAt, index, draft })), ...this.reviews.map((draft, index) => ({ at: draft.reviewedAt, index: this.entries.length + index, draft }))].sort(
      (a, b) => a.at.localeCompare(b.at) || a.index - b.index,
    );
    const ids = new Map<object, number>();
    ordered.forEach((item, index) => ids.set(item.draft, index + 1));
    const idOf = (draft: object) => ids.get(draft) as number;
    const ledgerEntry: LedgerEntryRow[] = [];
    const spendingReview: SpendingReviewRow[] = [];
    for (const { draft } of ordered) {
      if ('entry' in draft) {
        const { entry, ...review } = draft;
        spendingReview.push({ id: idOf(draft), entryId: idOf(entry), ...review });
      } else {
        const { reverses, ...entry } = draft;
        ledgerEntry.push({ id: idOf(draft), ...entry, reversesEntryId: reverses ? idOf(reverses) : null });
      }
    }
    return { ledgerEntry, spendingReview };
  }
}

export type { EntryDraft };
