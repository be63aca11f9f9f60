import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '@/i18n/i18n-provider';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('pages.notFoundTitle')}
      subTitle={t('pages.notFoundText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return <Result status="403" title={t('pages.forbiddenTitle')} subTitle={t('pages.forbiddenText')} />;
}
