/**
 * A hotline adapts its checklist: a new version derived from its current one, with questions
 * reworded (English and Spanish), help text, questions of its own and questions hidden. What the
 * suggestion rules read cannot change: a question that feeds a rule stays asked, with the same
 * kind and the same answers. Versions are never edited; each publication is a new one.
 */
import type { Actor } from '../../platform/auth/actor';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { conflict, validationFailed, type FieldIssue } from '../../platform/errors';
import { Checklist, type ChecklistQuestion } from './checklist';
import { hotlineChecklist } from './checklists';
import { rulesFedBy } from './rules';
import type { PublishChecklistBody, QuestionEdit } from './schema';
import * as store from './store';

export interface ChecklistChanges {
  added: string[];
  reworded: string[];
  hidden: string[];
  shown: string[];
  reordered: boolean;
}

const feeds = (q: ChecklistQuestion) => {
  const rules = rulesFedBy(q);
  return `"${q.id}" feeds the suggestion rule${rules.length > 1 ? 's' : ''} ${rules.join(', ')}`;
};

const sameValues = (a: { value: string }[] = [], b: { value: string }[] = []) =>
  a.length === b.length && a.every((o) => b.some((p) => p.value === o.value));

function helpOf(edit: QuestionEdit, path: string, issues: FieldIssue[]): ChecklistQuestion['help'] {
  const en = edit.help?.en ?? '';
  const es = edit.help?.es ?? '';
  if (!en && !es) return undefined;
  if (!en) issues.push({ path: `${path}.help.en`, message: 'Give the help text in English too' });
  if (!es) issues.push({ path: `${path}.help.es`, message: 'Give the help text in Spanish too' });
  return { en, es };
}

function optionsOf(edit: QuestionEdit, path: string, issues: FieldIssue[]) {
  const options = edit.options ?? [];
  if (options.length < 2) issues.push({ path: `${path}.options`, message: 'Give at least two answers' });
  const values = options.map((o) => o.value);
  if (new Set(values).size !== values.length)
    issues.push({ path: `${path}.options`, message: 'Two answers have the same value' });
  return options;
}

function editExisting(
  base: ChecklistQuestion,
  edit: QuestionEdit,
  path: string,
  issues: FieldIssue[],
): ChecklistQuestion {
  const bound = rulesFedBy(base).length > 0;
  if (edit.kind !== undefined && edit.kind !== base.kind)
    issues.push({
      path: `${path}.kind`,
      message: 'The kind of answer of an existing question cannot change: add a new question instead',
    });
  if (edit.domain !== undefined && edit.domain !== base.domain)
    issues.push({ path: `${path}.domain`, message: 'An existing question stays in its domain' });
  if (edit.hidden && bound)
    issues.push({ path: `${path}.hidden`, message: `${feeds(base)}: it cannot be hidden or removed` });
  let options = base.options;
  if (base.kind === 'choice' && edit.options) {
    if (bound && !sameValues(base.options, edit.options))
      issues.push({
        path: `${path}.options`,
        message: `${feeds(base)}: its answers can be reworded, not added, removed or changed`,
      });
    else options = optionsOf(edit, path, issues);
  } else if (edit.options) {
    issues.push({ path: `${path}.options`, message: 'Only a choice question has a list of answers' });
  }
  const help = helpOf(edit, path, issues);
  return {
    ...base,
    text: edit.text,
    ...(help ? { help } : { help: undefined }),
    hidden: edit.hidden ? true : undefined,
    options,
  };
}

function addNew(edit: QuestionEdit, path: string, issues: FieldIssue[]): ChecklistQuestion | undefined {
  if (!edit.kind) issues.push({ path: `${path}.kind`, message: 'Choose the kind of answer' });
  if (!edit.domain) issues.push({ path: `${path}.domain`, message: 'Choose the domain it belongs to' });
  if (edit.kind === 'choice' && edit.domain === 'contact')
    issues.push({
      path: `${path}.domain`,
      message:
        'The contact domain has one choice question, the purpose of the contact: choose another domain',
    });
  if (edit.kind !== 'choice' && edit.options?.length)
    issues.push({ path: `${path}.options`, message: 'Only a choice question has a list of answers' });
  const options = edit.kind === 'choice' ? optionsOf(edit, path, issues) : undefined;
  const help = helpOf(edit, path, issues);
  if (!edit.kind || !edit.domain) return undefined;
  return {
    id: edit.id,
    domain: edit.domain,
    kind: edit.kind,
    text: edit.text,
    ...(help ? { help } : {}),
    ...(edit.hidden ? { hidden: true } : {}),
    // A hotline's own questions feed no suggestion rule; their answers are kept with the others.
    effects: [],
    ...(options ? { options } : {}),
  };
}

/** The new version's questions from the current ones and the edit, or the issues on its fields. */
export function deriveChecklist(
  base: Checklist,
  version: string,
  questions: QuestionEdit[],
): { checklist?: Checklist; changes: ChecklistChanges; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const byId = new Map(base.questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const changes: ChecklistChanges = { added: [], reworded: [], hidden: [], shown: [], reordered: false };
  const derived: ChecklistQuestion[] = [];
  questions.forEach((edit, i) => {
    const path = `body.questions.${i}`;
    if (seen.has(edit.id)) {
      issues.push({ path: `${path}.id`, message: `Two questions have the id "${edit.id}"` });
      return;
    }
    seen.add(edit.id);
    const before = byId.get(edit.id);
    const q = before ? editExisting(before, edit, path, issues) : addNew(edit, path, issues);
    if (!q) return;
    const clean = JSON.parse(JSON.stringify(q)) as ChecklistQuestion;
    derived.push(clean);
    if (!before) changes.added.push(q.id);
    else {
      if (
        JSON.stringify([before.text, before.help, before.options]) !==
        JSON.stringify([clean.text, clean.help, clean.options])
      )
        changes.reworded.push(q.id);
      if (!before.hidden && clean.hidden) changes.hidden.push(q.id);
      if (before.hidden && !clean.hidden) changes.shown.push(q.id);
    }
  });
  for (const q of base.questions) {
    if (seen.has(q.id)) continue;
    issues.push({
      path: 'body.questions',
      message:
        rulesFedBy(q).length > 0
          ? `${feeds(q)}: it cannot be hidden or removed`
          : `Question "${q.id}" cannot be removed, so its answers keep their meaning: hide it instead`,
    });
  }
  const kept = derived.filter((q) => byId.has(q.id)).map((q) => q.id);
  changes.reordered = kept.join() !== base.questions.map((q) => q.id).join();
  const changed =
    changes.added.length + changes.reworded.length + changes.hidden.length + changes.shown.length > 0 ||
    changes.reordered;
  if (!issues.length && !changed)
    issues.push({ path: 'body.questions', message: `Nothing changed from version ${base.version}` });
  if (issues.length) return { changes, issues };
  return { checklist: Checklist.parse({ version, questions: derived }), changes, issues };
}

/** `2026.1` -> `2026.1-h1`; `2026.1-h3` -> `2026.1-h4`: the shipped version it grew from, and a count. */
export function nextVersionName(current: string, seq: number): string {
  return `${current.replace(/-h\d+$/, '')}-h${seq}`;
}

export async function publishChecklist(
  q: Queryable,
  actor: Actor,
  who: AuditActor,
  body: PublishChecklistBody,
) {
  const { checklist: current, ownVersions } = await hotlineChecklist(q, actor.hotlineId);
  const stale = () =>
    conflict(
      `The checklist changed since you opened it: version ${current.version} is current now. Reload to edit it.`,
      { currentVersion: current.version },
    );
  if (body.basedOn !== current.version) throw stale();
  const seq = ownVersions + 1;
  const version = nextVersionName(current.version, seq);
  const { checklist, changes, issues } = deriveChecklist(current, version, body.questions);
  if (!checklist) throw validationFailed(issues);
  const publishedAt = await store.insertOwnChecklist(q, {
    hotlineId: actor.hotlineId,
    version,
    seq,
    basedOn: current.version,
    note: body.note,
    publishedBy: actor.userId,
    definition: checklist,
  });
  if (!publishedAt) throw stale();
  await recordAudit(q, who, {
    action: 'screening.checklist_published',
    subjectType: 'screening_checklist',
    subjectId: version,
    details: { basedOn: current.version, ...changes },
  });
  return { version, basedOn: current.version, note: body.note, publishedAt, checklist };
}
