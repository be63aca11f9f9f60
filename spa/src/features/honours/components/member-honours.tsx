//! The 荣誉 tab: the member's honours, newest award first; with `members:write`, add one and remove one
//! recorded by mistake (after a confirmation, sending its version as If-Match).
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Skeleton, Space } from 'antd';
import { useState } from 'react';
import type { Honour, Member } from '@/api/types';
import { HonoursTable } from '@/components/honours-table';
import { ProblemAlert, useErrorMessage } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { deleteHonour, honourKeys, useMemberHonours } from '../api/honours';
import { HonourFormModal } from './honour-form-modal';

export function MemberHonours({ member, canWrite }: { member: Pick<Member, 'id' | 'name'>; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const honours = useMemberHonours(member.id);
  const [adding, setAdding] = useState(false);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: honourKeys.member(member.id) }),
      queryClient.invalidateQueries({ queryKey: honourKeys.registers }),
    ]);

  const removal = useMutation({
    mutationFn: (honour: Honour) => deleteHonour(honour),
    onSuccess: async (_data, honour) => {
      void message.success(t('honour.deleted', { title: honour.title }));
      await refresh();
    },
    onError: (error) => {
      // Changed (412) or already removed (404) by someone else: show the list as it is now.
      if (error instanceof ApiError && (error.status === 412 || error.status === 404)) {
        void message.warning(t('honour.stale'));
        void refresh();
        return;
      }
      void message.error(errorMessage(error));
    },
  });
  const busyId = removal.isPending ? removal.variables.id : null;

  const actions = (honour: Honour) => (
    <Popconfirm
      title={t('honour.confirmDelete', { title: honour.title })}
      okText={t('common.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={() => removal.mutate(honour)}
    >
      <Button
        size="small"
        danger
        loading={busyId === honour.id}
        disabled={busyId !== null && busyId !== honour.id}
        data-testid="honour-delete"
      >
        {t('honour.delete')}
      </Button>
    </Popconfirm>
  );

  if (honours.isPending) return <Skeleton active />;
  if (honours.isError) return <ProblemAlert error={honours.error} onRetry={() => void honours.refetch()} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="member-honours">
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="honour-add">
          {t('honour.add')}
        </Button>
      )}
      <HonoursTable honours={honours.data.items} actions={canWrite ? actions : undefined} />
      {adding && (
        <HonourFormModal
          member={member}
          onClose={() => setAdding(false)}
          onSaved={(saved) => {
            setAdding(false);
            void message.success(t('honour.added', { title: saved.title }));
          }}
        />
      )}
    </Space>
  );
}
