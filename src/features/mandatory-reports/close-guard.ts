/**
 * Wires required reports into the cases feature: a case's reports are raised when its facts change
 * (a victim added or edited, a location, its type), in the same transaction, and "a required report
 * must be filed or waived" is one of its close guards.
 */
import { systemActor } from '../../platform/audit/audit';
import { registerCloseGuard } from '../cases/close-guards';
import { onCaseFactsChanged } from '../cases/fact-hooks';
import { closeBlocker, raiseRequiredReports } from './service';

onCaseFactsChanged('mandatory-reports.raise', (q, { hotlineId, caseId }) =>
  raiseRequiredReports(q, systemActor('system:required-reports', hotlineId), hotlineId, caseId),
);

registerCloseGuard('mandatory-reports.filed-or-waived', (q, { hotlineId, caseId }) =>
  closeBlocker(q, hotlineId, caseId),
);
