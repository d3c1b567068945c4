import type { BuyingProcessState } from '@schemas/buying-process.js';

export function StatusBadge({ status, testId }: { status: BuyingProcessState['status']; testId?: string }) {
  return (
    <span className={`badge ${status === 'completed' ? 'badge--success' : 'badge--info'}`} data-testid={testId} data-status={status}>
      {status === 'completed' ? 'Completed' : 'In progress'}
    </span>
  );
}
