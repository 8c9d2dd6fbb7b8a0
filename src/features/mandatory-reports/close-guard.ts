/** Wires "a required report must be filed or waived" into the cases feature's close guards. */
import { registerCloseGuard } from '../cases/close-guards';
import { closeBlocker } from './service';

registerCloseGuard('mandatory-reports.filed-or-waived', (q, { hotlineId, caseId }) =>
  closeBlocker(q, hotlineId, caseId),
);
