//! /members — find members in scope: filters in the URL, keyset pagination with "load more".
import { CreditCardOutlined, FileAddOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Empty, Form, Input, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Member } from '@/api/types';
import { JoinRequestModal } from '@/components/join-request-modal';
import { MemberFlags, MemberStatusTag } from '@/components/member-tags';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { formatDate } from '@/lib/format';
import { normaliseMobile } from '@/lib/mobile-number';
import { useOrganisationName } from '@/lib/organisation-name';
import { hasPermission, PERMISSIONS } from '@/lib/permissions';
import { useMe } from '@/lib/session';
import { createJoinRequest, useMembers, type MemberFilters } from '../api/members';
import { IssueCardsModal } from '../components/issue-cards-modal';
import { MemberFormModal } from '../components/member-form-modal';
import { LoadMore } from '@/components/load-more';

const FLAGS = ['migrant_worker', 'new_form_employment', 'dispatched'] as const;
const TEXT_FILTERS = ['q', 'id_suffix', 'mobile', 'organisation_id', 'status', 'joined_from', 'joined_to'] as const;
const ID_SUFFIX = /^[0-9Xx]{4,18}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface FilterFormValues {
  q?: string;
  id_suffix?: string;
  mobile?: string;
  organisation_id?: string;
  status?: string;
  migrant_worker?: boolean;
  new_form_employment?: boolean;
  dispatched?: boolean;
  joined?: [Dayjs | null, Dayjs | null];
}

/** The filters in the URL (unknown or malformed values are ignored). */
export function filtersFrom(params: URLSearchParams): MemberFilters {
  const filters: MemberFilters = {};
  for (const key of TEXT_FILTERS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if ((key === 'joined_from' || key === 'joined_to') && !DATE.test(value)) continue;
    if (key === 'id_suffix' && !ID_SUFFIX.test(value)) continue;
    filters[key] = value;
  }
  for (const flag of FLAGS) {
    const value = params.get(flag);
    if (value === 'true' || value === 'false') filters[flag] = value === 'true';
  }
  return filters;
}

/** The form's values as URL parameters (only what is set; flags only when ticked). */
export function paramsFrom(values: FilterFormValues): URLSearchParams {
  const next = new URLSearchParams();
  const set = (key: string, value: string | undefined | null) => {
    if (value && value.trim() !== '') next.set(key, value.trim());
  };
  set('q', values.q);
  set('id_suffix', values.id_suffix?.toUpperCase());
  set('mobile', values.mobile ? normaliseMobile(values.mobile) : undefined);
  set('organisation_id', values.organisation_id);
  set('status', values.status);
  for (const flag of FLAGS) if (values[flag]) next.set(flag, 'true');
  set('joined_from', values.joined?.[0]?.format('YYYY-MM-DD'));
  set('joined_to', values.joined?.[1]?.format('YYYY-MM-DD'));
  return next;
}

function formValuesFrom(filters: MemberFilters): FilterFormValues {
  return {
    q: filters.q,
    id_suffix: filters.id_suffix,
    mobile: filters.mobile,
    organisation_id: filters.organisation_id,
    status: filters.status,
    migrant_worker: filters.migrant_worker === true,
    new_form_employment: filters.new_form_employment === true,
    dispatched: filters.dispatched === true,
    joined:
      filters.joined_from || filters.joined_to
        ? [filters.joined_from ? dayjs(filters.joined_from) : null, filters.joined_to ? dayjs(filters.joined_to) : null]
        : undefined,
  };
}

export function MemberListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const codes = useCodes();
  const me = useMe().data;
  const canWrite = hasPermission(me, PERMISSIONS.membersWrite);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = filtersFrom(params);
  const [form] = Form.useForm<FilterFormValues>();
  const [creating, setCreating] = useState(false);
  const [requestingJoin, setRequestingJoin] = useState(false);
  const [issuingCards, setIssuingCards] = useState(false);
  const result = useMembers(filters);
  const organisationName = useOrganisationName(filters.organisation_id).data;
  const selectedOrganisation =
    filters.organisation_id && organisationName ? { id: filters.organisation_id, name: organisationName } : undefined;
  const rows = result.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<Member> = [
    {
      title: t('member.fields.name'),
      dataIndex: 'name',
      render: (name: string, member) => (
        <Link to={`/members/${member.id}`} data-testid="member-link">
          {name}
        </Link>
      ),
    },
    { title: t('member.fields.gender'), dataIndex: 'gender', render: (gender: string) => codes.label('genders', gender) },
    { title: t('member.fields.id_number'), dataIndex: 'id_number', render: (value: string) => <code>{value}</code> },
    { title: t('member.fields.organisation_name'), dataIndex: 'organisation_name' },
    { title: t('member.fields.joined_on'), dataIndex: 'joined_on', render: (value: string | null) => formatDate(value) },
    { title: t('member.fields.status'), dataIndex: 'status', render: (status: string) => <MemberStatusTag status={status} /> },
    { title: t('member.fields.flags'), key: 'flags', render: (_value, member) => <MemberFlags member={member} /> },
  ];

  return (
    <Card
      title={t('member.listTitle')}
      extra={
        canWrite && (
          <Space wrap>
            <Button icon={<CreditCardOutlined />} onClick={() => setIssuingCards(true)} data-testid="issue-cards">
              {t('member.cards.action')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => void navigate('/members/import')} data-testid="member-import">
              {t('memberImport.action')}
            </Button>
            <Button icon={<FileAddOutlined />} onClick={() => setRequestingJoin(true)} data-testid="join-request-create">
              {t('memberRequest.joinAction')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-create">
              {t('member.create')}
            </Button>
          </Space>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form<FilterFormValues>
          form={form}
          layout="inline"
          initialValues={formValuesFrom(filters)}
          onFinish={(values) => setParams(paramsFrom(values))}
          data-testid="member-filters"
          style={{ rowGap: 12 }}
        >
          <Form.Item name="q" label={t('member.filters.q')}>
            <Input allowClear style={{ width: 140 }} data-testid="filter-q" />
          </Form.Item>
          <Form.Item
            name="id_suffix"
            label={t('member.filters.id_suffix')}
            rules={[{ pattern: ID_SUFFIX, message: t('validation.idSuffix') }]}
          >
            <Input allowClear maxLength={18} style={{ width: 140 }} data-testid="filter-id-suffix" />
          </Form.Item>
          <Form.Item name="mobile" label={t('member.filters.mobile')}>
            <Input allowClear style={{ width: 150 }} data-testid="filter-mobile" />
          </Form.Item>
          <Form.Item name="organisation_id" label={t('member.filters.organisation_id')}>
            <OrganisationSelect
              allowClear
              initialLabel={organisationName}
              placeholder={t('common.all')}
              style={{ width: 260 }}
              data-testid="filter-organisation"
            />
          </Form.Item>
          <Form.Item name="status" label={t('member.filters.status')}>
            <Select
              allowClear
              style={{ width: 130 }}
              placeholder={t('common.all')}
              options={codes.options('membership-statuses')}
              data-testid="filter-status"
            />
          </Form.Item>
          <Form.Item name="joined" label={t('member.filters.joined')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="filter-joined" />
          </Form.Item>
          {FLAGS.map((flag) => (
            <Form.Item key={flag} name={flag} valuePropName="checked">
              <Checkbox data-testid={`filter-${flag}`}>{t(`member.filters.${flag}`)}</Checkbox>
            </Form.Item>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" data-testid="filter-submit">
              {t('common.search')}
            </Button>
            <Button
              data-testid="filter-reset"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue(formValuesFrom({}));
                setParams(new URLSearchParams());
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>

        {result.isError && <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />}
        {!result.isError && (
          <Table<Member>
            rowKey="id"
            size="middle"
            data-testid="member-results"
            loading={result.isPending}
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('member.empty')} /> }}
          />
        )}
        <LoadMore pages={result} />
      </Space>

      {creating && (
        <MemberFormModal
          mode="create"
          organisation={selectedOrganisation}
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            void message.success(t('member.created', { name: saved.member.name }));
          }}
        />
      )}
      {requestingJoin && (
        <JoinRequestModal
          organisation={selectedOrganisation}
          submit={createJoinRequest}
          onClose={() => setRequestingJoin(false)}
          onSaved={(saved) => {
            setRequestingJoin(false);
            void message.success(t('memberRequest.joinCreated', { name: saved.person.name }));
          }}
        />
      )}
      {issuingCards && <IssueCardsModal organisation={selectedOrganisation} onClose={() => setIssuingCards(false)} />}
    </Card>
  );
}
