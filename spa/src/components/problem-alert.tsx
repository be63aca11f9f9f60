import { Alert, Button } from 'antd';
import { ApiError } from '@/lib/api-error';
import { useI18n } from '@/i18n/i18n-provider';

/** Translates any error from an API call into a message (problem `code` → `errors.<code>`). */
export function useErrorMessage() {
  const { tError } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      const seconds = error.retryAfterSeconds;
      return tError(error.code, seconds === null ? undefined : { seconds });
    }
    return tError('generic');
  };
}

/** An error alert with the translated message, the request id and an optional retry. */
export function ProblemAlert({ error, onRetry, messages }: { error: unknown; onRetry?: () => void; messages?: string[] }) {
  const { t } = useI18n();
  const message = useErrorMessage();
  const requestId = error instanceof ApiError ? error.requestId : null;
  const extra = messages && messages.length > 1 ? messages.slice(1) : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="problem-alert"
      message={messages?.[0] ?? message(error)}
      description={
        extra.length > 0 || requestId ? (
          <>
            {extra.map((line) => (
              <div key={line}>{line}</div>
            ))}
            {requestId && <div style={{ opacity: 0.6 }}>{t('common.requestId', { id: requestId })}</div>}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
