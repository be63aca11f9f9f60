//! What the user sees when rendering throws: the router's errorElement and a last-resort boundary.
import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useI18n } from '@/i18n/i18n-provider';
import { NotFoundPage } from './not-found-page';

function ErrorResult() {
  const { t } = useI18n();
  return (
    <Result
      status="500"
      title={t('pages.errorTitle')}
      subTitle={t('pages.errorText')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('pages.reload')}
        </Button>
      }
    />
  );
}

/** The router's `errorElement`. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error(error);
  return <ErrorResult />;
}

/** A class boundary for errors outside the router (providers). Texts are bilingual: i18n may be what broke. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="500"
        title="页面出错了 / Something went wrong"
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            刷新页面 / Reload
          </Button>
        }
      />
    );
  }
}
