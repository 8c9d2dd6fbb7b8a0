import { Link } from 'react-router';
import { post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { caseMessages } from './messages';
import type { TaskItem } from './types';
import { formatDate, usePaged } from './ui';

export function TaskTable({ url, showAssignee }: { url: string; showAssignee?: boolean }) {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  const { items, error, loading, hasMore, more, reload } = usePaged<TaskItem>(url);
  const complete = async (task: TaskItem) => {
    await post(`/api/tasks/${task.id}/complete`, { version: task.version });
    reload();
  };
  if (!loading && items.length === 0) return <p>{t('none')}</p>;
  return (
    <>
      <FormError message={error ? t('error') : undefined} />
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('taskTitle')}</th>
            <th scope="col">{t('due')}</th>
            <th scope="col">{t('case')}</th>
            {showAssignee ? <th scope="col">{t('assignee')}</th> : null}
            <th scope="col">
              <span className="visually-hidden">{t('complete')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((task) => (
            <tr key={task.id}>
              <td>{task.title}</td>
              <td>
                {formatDate(task.dueAt, lang)}{' '}
                {task.overdue ? <span className="badge high">{t('overdue')}</span> : null}
              </td>
              <td>
                {task.caseId ? <Link to={`/console/cases/${task.caseId}`}>{task.caseReference}</Link> : null}
              </td>
              {showAssignee ? <td>{task.assignee?.displayName ?? t('nobody')}</td> : null}
              <td>
                <button type="button" className="small" onClick={() => void complete(task)}>
                  {t('complete')}
                  <span className="visually-hidden">: {task.title}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasMore ? (
        <button type="button" onClick={more}>
          {t('more')}
        </button>
      ) : null}
    </>
  );
}

export function MyTasks() {
  const t = useMessages(caseMessages);
  return (
    <section>
      <h1>{t('myTasks')}</h1>
      <TaskTable url="/api/tasks/mine" />
    </section>
  );
}
