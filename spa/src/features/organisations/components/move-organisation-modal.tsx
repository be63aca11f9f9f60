//! Pick a new parent and move the organisation (POST .../move with If-Match).
import { useMutation } from '@tanstack/react-query';
import { Form, Modal, Space } from 'antd';
import { useState } from 'react';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { applyProblemToForm } from '@/lib/problem';
import { moveOrganisation, type Versioned } from '../api/organisations';

interface MoveValues {
  parent_id: string;
}

export function MoveOrganisationModal({
  target,
  onClose,
  onMoved,
  onStale,
}: {
  target: Versioned;
  onClose: () => void;
  onMoved: (moved: Versioned, oldParentId: string | null) => void;
  /** 412: the caller reloads the record. */
  onStale: () => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const [form] = Form.useForm<MoveValues>();
  const [messages, setMessages] = useState<string[] | undefined>();
  const org = target.organisation;
  const mutation = useMutation({
    mutationFn: (values: MoveValues) => moveOrganisation(org.id, target.etag, values.parent_id),
    onSuccess: (moved) => onMoved(moved, org.parent_id ?? null),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) {
        onStale();
        return;
      }
      if (error instanceof ApiError) setMessages(applyProblemToForm(error, form, ['parent_id'], tFieldError, tError));
    },
  });

  return (
    <Modal
      open
      title={t('organisation.moveTitle', { name: org.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'move-submit' }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages === undefined || messages.length > 0) && (
          <ProblemAlert error={mutation.error} messages={messages} />
        )}
        <Form<MoveValues> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
          <Form.Item
            name="parent_id"
            label={t('organisation.newParent')}
            rules={[{ required: true, message: t('organisation.newParentRequired') }]}
          >
            <OrganisationSelect excludeId={org.id} data-testid="move-parent" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
