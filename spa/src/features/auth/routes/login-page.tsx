import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { tokenStore } from '@/lib/auth/token-store';
import { applyProblemToForm } from '@/lib/problem';
import { useLogin, type Credentials } from '../api/login';

export function LoginPage() {
  const { t, tError, tFieldError } = useI18n();
  const [form] = Form.useForm<Credentials>();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [messages, setMessages] = useState<string[] | undefined>();
  const from = (location.state as { from?: string } | null)?.from;
  const [alreadySignedIn] = useState(() => tokenStore.hasSession());

  const onFinish = (values: Credentials) => {
    setMessages(undefined);
    login.mutate(values, {
      onSuccess: () => void navigate(from && from !== '/login' ? from : '/', { replace: true }),
      onError: (error) => {
        if (error instanceof ApiError && error.status === 422) {
          setMessages(applyProblemToForm(error, form, ['username', 'password'], tFieldError, tError));
        }
      },
    });
  };

  // Someone with a session who opens /login goes straight in (the app refreshes the token if needed).
  if (alreadySignedIn) return <Navigate to="/" replace />;

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 380, maxWidth: 'calc(100vw - 24px)' }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <LanguageSwitch />
          </div>
          <div>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>
              {t('auth.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('auth.subtitle')}</Typography.Text>
          </div>
          {login.isError && !(messages && messages.length === 0) && (
            <ProblemAlert error={login.error} messages={messages} />
          )}
          <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="login-form">
            <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('auth.login')}
            </Button>
          </Form>
          <div style={{ textAlign: 'center' }}>
            <Link to="/verify" data-testid="login-verify-link">
              <SafetyCertificateOutlined /> {t('auth.verifyLink')}
            </Link>
          </div>
        </Space>
      </Card>
    </div>
  );
}
