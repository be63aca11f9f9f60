//! The frame around every signed-in page: side menu by permission, header with the user,
//! the language switch and logout.
import {
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  HeartOutlined,
  LikeOutlined,
  LogoutOutlined,
  ReadOutlined,
  IdcardOutlined,
  SearchOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Layout, Menu, Skeleton, Space, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n } from '@/i18n/i18n-provider';
import type { TKey } from '@/i18n/translate';
import { tokenStore } from '@/lib/auth/token-store';
import { hasAnyPermission, PERMISSIONS, type Permission } from '@/lib/permissions';
import { logout, useMe } from '@/lib/session';
import { LanguageSwitch } from './language-switch';

interface NavItem {
  path: string;
  label: TKey;
  icon: ReactNode;
  /** The permission it needs; given several, any one of them. */
  permission: Permission | readonly Permission[];
}

const NAV: NavItem[] = [
  { path: '/me', label: 'nav.myMembership', icon: <UserOutlined />, permission: PERMISSIONS.selfService },
  { path: '/me/courses', label: 'nav.myCourses', icon: <BookOutlined />, permission: PERMISSIONS.selfService },
  { path: '/organisations', label: 'nav.organisations', icon: <ApartmentOutlined />, permission: PERMISSIONS.organisationsRead },
  { path: '/organisations/search', label: 'nav.organisationSearch', icon: <SearchOutlined />, permission: PERMISSIONS.organisationsRead },
  { path: '/members', label: 'nav.members', icon: <IdcardOutlined />, permission: PERMISSIONS.membersRead },
  { path: '/members/honours', label: 'nav.honourRegister', icon: <TrophyOutlined />, permission: PERMISSIONS.membersRead },
  { path: '/member-requests', label: 'nav.memberRequests', icon: <SolutionOutlined />, permission: PERMISSIONS.membersRead },
  { path: '/hardship-files', label: 'nav.hardshipRegister', icon: <HeartOutlined />, permission: PERMISSIONS.hardshipRead },
  { path: '/courses', label: 'nav.courses', icon: <ReadOutlined />, permission: PERMISSIONS.coursesRead },
  {
    path: '/course-requests',
    label: 'nav.courseRequests',
    icon: <LikeOutlined />,
    permission: [PERMISSIONS.coursesRead, PERMISSIONS.selfService],
  },
  { path: '/accounts', label: 'nav.accounts', icon: <TeamOutlined />, permission: PERMISSIONS.accountsRead },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: PERMISSIONS.auditRead },
];

/** The menu entry for a path: the longest matching prefix, so `/organisations/search` wins over `/organisations`. */
function selectedKey(pathname: string): string | undefined {
  return NAV.map((item) => item.path)
    .filter((path) => pathname === path || pathname.startsWith(`${path}/`))
    .sort((a, b) => b.length - a.length)[0];
}

export function AppShell() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe().data;
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [collapsed, setCollapsed] = useState(false);
  // On a phone (narrower than antd's md) the menu folds away entirely and closes after each choice.
  const [narrow, setNarrow] = useState(false);

  // A refused refresh ends the session: back to the login page.
  useEffect(
    () =>
      tokenStore.onSessionEnd((reason) => {
        queryClient.clear();
        if (reason === 'expired') {
          // Come back here after logging in again.
          void message.warning(t('auth.sessionExpired'));
          void navigate('/login', { replace: true, state: { from: location.pathname } });
        } else {
          // A deliberate logout: the next person starts afresh.
          void navigate('/login', { replace: true });
        }
      }),
    [navigate, queryClient, message, t, location.pathname],
  );

  const items: MenuProps['items'] = NAV.filter((item) => hasAnyPermission(me, item.permission)).map((item) => ({
    key: item.path,
    icon: item.icon,
    label: t(item.label),
  }));
  const current = selectedKey(location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="md"
        collapsedWidth={narrow ? 0 : 80}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        theme="dark"
        width={208}
      >
        <div style={{ color: '#fff', padding: '16px', fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed ? '工' : t('common.appName')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-menu"
          selectedKeys={current ? [current] : []}
          items={items}
          onClick={({ key }) => {
            if (narrow) setCollapsed(true);
            void navigate(key);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: narrow ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
          }}
        >
          <Space size={narrow ? 'small' : 'large'}>
            <LanguageSwitch />
            {me && (
              <Tooltip title={me.organisation_name}>
                <Space data-testid="current-user">
                  <UserOutlined />
                  <Typography.Text>{me.display_name}</Typography.Text>
                  {!narrow && <Typography.Text type="secondary">{me.organisation_name}</Typography.Text>}
                </Space>
              </Tooltip>
            )}
            <Button
              icon={<LogoutOutlined />}
              data-testid="logout"
              onClick={() => {
                void logout(queryClient);
              }}
            >
              {t('common.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: narrow ? 8 : 16 }}>
          <Suspense fallback={<Skeleton active />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
