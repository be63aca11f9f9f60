//! 报名: enrols a member of the user's scope (picked by name) or a worker who is not a member (name, ID
//! number and mobile, checked as they are typed). A place while there is one, else the waitlist: the
//! answer says which. A 409 (enrolled already, not eligible, not open) shows in the dialog.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Radio, Select, Space, Spin } from 'antd';
import type { FormRule } from 'antd';
import { useEffect, useState } from 'react';
import type { Course, Enrolment } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { checkIdNumber } from '@/lib/id-number';
import { newIdempotencyKey } from '@/lib/idempotency';
import { isValidMobile } from '@/lib/mobile-number';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { enrol, refreshCourse, useMemberSearch } from '../api/courses';
import { ENROL_FORM_FIELDS, PERSON_NAME_MAX, toEnrolBody, type EnrolFormValues, type EnrolKind } from './course-logic';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Mount it only while open: each opening starts with a fresh form and idempotency key. */
export function EnrolModal({
  course,
  onClose,
  onSaved,
}: {
  course: Pick<Course, 'id' | 'title' | 'eligibility'>;
  onClose: () => void;
  onSaved: (saved: Enrolment) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const codes = useCodes();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EnrolFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);
  const kind: EnrolKind = Form.useWatch('kind', form) ?? 'member';
  const idNumber = Form.useWatch(['person', 'id_number'], form) as string | undefined;
  const checked = idNumber ? checkIdNumber(idNumber) : null;

  const mutation = useMutation({
    mutationFn: (values: EnrolFormValues) => enrol(course.id, toEnrolBody(values), idempotencyKey),
    onSuccess: async (saved) => {
      await refreshCourse(queryClient, course.id);
      onSaved(saved);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 409) {
        setMessages(conflictMessages(error, tError));
        // Perhaps the course filled or closed meanwhile: show it as it is now.
        void refreshCourse(queryClient, course.id);
        return;
      }
      setMessages(applyProblemToForm(error, form, ENROL_FORM_FIELDS, tFieldError, tError));
    },
  });

  const idNumberRule: FormRule = {
    validator: (_rule, value: string | undefined) => {
      if (!value || !value.trim()) return Promise.resolve();
      const result = checkIdNumber(value);
      if (result.ok) return Promise.resolve();
      const text =
        result.reason === 'checksum'
          ? t('validation.idNumberChecksum')
          : result.reason === 'birth_date'
            ? t('validation.idNumberDate')
            : t('validation.idNumberFormat');
      return Promise.reject(new Error(text));
    },
  };
  const mobileRule: FormRule = {
    validator: (_rule, value: string | undefined) =>
      !value || !value.trim() || isValidMobile(value) ? Promise.resolve() : Promise.reject(new Error(t('validation.mobile'))),
  };
  const personLabel = (field: 'name' | 'id_number' | 'mobile' | 'migrant_worker') => t(`course.enrolments.person.${field}`);
  const implied =
    checked?.ok === true
      ? t('member.idImplies', { birth: checked.birthDate, gender: codes.label('genders', checked.gender) })
      : t('member.idNumberHint');

  return (
    <Modal
      open
      title={t('course.enrolments.title', { title: course.title })}
      okText={t('course.enrolments.enrol')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'enrol-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<EnrolFormValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'member', person: { migrant_worker: false } }}
          disabled={mutation.isPending}
          data-testid="enrol-form"
          onValuesChange={() => messages.length > 0 && setMessages([])}
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item name="kind" label={t('course.enrolments.kind')}>
            <Radio.Group optionType="button" data-testid="enrol-kind">
              <Radio.Button value="member">
                <span data-testid="enrol-kind-member">{t('course.enrolments.kinds.member')}</span>
              </Radio.Button>
              <Radio.Button value="person">
                <span data-testid="enrol-kind-person">{t('course.enrolments.kinds.person')}</span>
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          {kind === 'person' && course.eligibility === 'subtree_members' && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('course.enrolments.membersOnly')} />
          )}
          {kind === 'member' ? (
            <Form.Item
              name="member_id"
              label={t('course.enrolments.member')}
              rules={[{ required: true, message: t('course.enrolments.memberRequired') }]}
            >
              <MemberPicker />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name={['person', 'name']}
                label={personLabel('name')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('validation.required', { field: personLabel('name') }),
                  },
                  { max: PERSON_NAME_MAX, message: t('validation.tooLong', { max: PERSON_NAME_MAX }) },
                ]}
              >
                <Input maxLength={PERSON_NAME_MAX} autoComplete="off" data-testid="enrol-person-name" />
              </Form.Item>
              <Form.Item
                name={['person', 'id_number']}
                label={personLabel('id_number')}
                extra={<span data-testid="enrol-id-implies">{implied}</span>}
                rules={[{ required: true, message: t('validation.required', { field: personLabel('id_number') }) }, idNumberRule]}
              >
                <Input maxLength={22} autoComplete="off" data-testid="enrol-person-id-number" />
              </Form.Item>
              <Form.Item
                name={['person', 'mobile']}
                label={personLabel('mobile')}
                extra={t('course.enrolments.mobileHint')}
                rules={[mobileRule]}
              >
                <Input autoComplete="off" inputMode="tel" data-testid="enrol-person-mobile" />
              </Form.Item>
              <Form.Item name={['person', 'migrant_worker']} valuePropName="checked">
                <Checkbox data-testid="enrol-person-migrant">{personLabel('migrant_worker')}</Checkbox>
              </Form.Item>
            </>
          )}
        </Form>
      </Space>
    </Modal>
  );
}

/** Active members in scope, searched by name on the server. */
function MemberPicker({ value, onChange, id }: { value?: string; onChange?: (value: string) => void; id?: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const result = useMemberSearch(q);
  const options = (result.data?.items ?? []).map((member) => ({
    value: member.id,
    label: `${member.name}（${member.id_number}，${member.organisation_name}）`,
  }));
  return (
    <Select
      id={id}
      showSearch
      value={value}
      onChange={(next: string) => onChange?.(next)}
      filterOption={false}
      onSearch={setSearch}
      placeholder={t('course.enrolments.memberSearch')}
      notFoundContent={result.isFetching ? <Spin size="small" /> : q ? t('common.noData') : t('course.enrolments.memberSearch')}
      options={options}
      data-testid="enrol-member"
    />
  );
}
