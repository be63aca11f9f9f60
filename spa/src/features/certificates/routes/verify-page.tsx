//! /verify and /verify/:code — 证书查验, open to anyone without logging in: an employer types the code a
//! trainee shows them (any case, with or without blanks and hyphens) and sees whether the certificate is
//! valid or revoked, with the holder's name masked by the API, the course, the organisation that ran it and
//! the issue date. The checked code goes into the address, so a link or QR code can open the answer directly.
//! Built for phones first: one narrow column.
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Result, Skeleton, Space, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CertificateCheck } from '@/api/types';
import { LanguageSwitch } from '@/components/language-switch';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { isApiError } from '@/lib/api-error';
import { formatDate } from '@/lib/format';
import { useCertificateCheck } from '../api/certificates';
import { canonicalCertificateCode, isCertificateCode } from '../components/certificate-code';

interface VerifyFormValues {
  code?: string;
}

export function VerifyPage() {
  const { t } = useI18n();
  const { code: param } = useParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<VerifyFormValues>();
  const canonical = canonicalCertificateCode(param);
  const check = useCertificateCheck(canonical);

  // A code opened loosely (a link typed by hand) moves to its canonical address; the field follows the address.
  useEffect(() => {
    if (canonical && param !== canonical) void navigate(`/verify/${canonical}`, { replace: true });
  }, [canonical, param, navigate]);
  useEffect(() => {
    form.setFieldsValue({ code: canonical ?? param ?? '' });
  }, [canonical, param, form]);

  const onFinish = (values: VerifyFormValues) => {
    const code = canonicalCertificateCode(values.code);
    if (!code) return;
    if (code === canonical) void check.refetch();
    else void navigate(`/verify/${code}`);
  };

  const label = t('certificate.code');
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', padding: '16px 12px 32px', boxSizing: 'border-box' }}>
      <main style={{ maxWidth: 560, margin: '0 auto' }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
            <Typography.Text strong>{t('common.appName')}</Typography.Text>
            <LanguageSwitch />
          </div>
          <Card>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              <SafetyCertificateOutlined /> {t('certificate.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('certificate.intro')}</Typography.Paragraph>
            <Form<VerifyFormValues> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} data-testid="verify-form">
              <Form.Item
                name="code"
                label={label}
                extra={t('certificate.codeHint')}
                rules={[
                  { required: true, whitespace: true, message: t('validation.required', { field: label }) },
                  {
                    validator: (_rule, value: string | undefined) =>
                      !value || !value.trim() || isCertificateCode(value)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('certificate.codeFormat'))),
                  },
                ]}
              >
                <Input
                  size="large"
                  placeholder="GHC-XXXX-XXXX-XXXX"
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={40}
                  style={{ fontFamily: 'monospace', letterSpacing: 1 }}
                  data-testid="verify-code-input"
                />
              </Form.Item>
              <Button
                type="primary"
                size="large"
                block
                htmlType="submit"
                icon={<SearchOutlined />}
                loading={check.isFetching}
                data-testid="verify-submit"
              >
                {t('certificate.verify')}
              </Button>
            </Form>
          </Card>
          {param !== undefined && (
            <Card data-testid="verify-answer">
              {canonical === null || isApiError(check.error, 404) ? (
                <NotFound />
              ) : check.isError ? (
                <ProblemAlert error={check.error} onRetry={() => void check.refetch()} />
              ) : check.isPending ? (
                <Skeleton active />
              ) : (
                <CheckResult check={check.data} />
              )}
            </Card>
          )}
          <div style={{ textAlign: 'center' }}>
            <Link to="/login" data-testid="verify-login-link">
              {t('certificate.staffLogin')}
            </Link>
          </div>
        </Space>
      </main>
    </div>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={<span data-testid="verify-not-found">{t('certificate.notFoundTitle')}</span>}
      subTitle={t('certificate.notFoundText')}
      style={{ padding: '16px 0' }}
    />
  );
}

function CheckResult({ check }: { check: CertificateCheck }) {
  const { t } = useI18n();
  const valid = check.status === 'valid';
  const items: DescriptionsProps['items'] = [
    { key: 'holder', label: t('certificate.fields.holder_name'), children: <span data-testid="verify-holder">{check.holder_name}</span> },
    { key: 'course', label: t('certificate.fields.course_title'), children: <span data-testid="verify-course">{check.course_title}</span> },
    {
      key: 'organisation',
      label: t('certificate.fields.organisation_name'),
      children: <span data-testid="verify-organisation">{check.organisation_name}</span>,
    },
    {
      key: 'issued_on',
      label: t('certificate.fields.issued_on'),
      children: <span data-testid="verify-issued-on">{formatDate(check.issued_on)}</span>,
    },
    {
      key: 'code',
      label: t('certificate.fields.code'),
      children: (
        <Typography.Text style={{ fontFamily: 'monospace' }} data-testid="verify-code">
          {check.code}
        </Typography.Text>
      ),
    },
  ];
  return (
    <div data-testid="verify-result" data-status={check.status}>
      <Result
        status={valid ? 'success' : 'error'}
        title={
          <span data-testid="verify-status" style={{ fontSize: 36, fontWeight: 600 }}>
            {valid ? t('certificate.valid') : t('certificate.revoked')}
          </span>
        }
        subTitle={valid ? t('certificate.validText') : t('certificate.revokedText')}
        style={{ padding: '16px 0' }}
      />
      <Descriptions bordered size="small" column={1} items={items} />
    </div>
  );
}
