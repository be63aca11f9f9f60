import { Alert, Descriptions, Modal, Typography } from 'antd';
import { useI18n } from '@/i18n/i18n-provider';

/** Shows an integration account's client secret, once, right after it was created. */
export function ClientSecretModal({ clientId, secret, onClose }: { clientId: string; secret: string; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t('account.clientSecretTitle')}
      onOk={onClose}
      onCancel={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
    >
      <Alert type="warning" showIcon message={t('account.clientSecretHint')} style={{ marginBottom: 16 }} />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('account.clientId')}>
          <Typography.Text copyable>{clientId}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('account.clientSecret')}>
          <Typography.Text copyable code data-testid="client-secret">
            {secret}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
