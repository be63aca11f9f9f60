//! 报名 for an account not linked to a member record yet: the worker gives their name, ID number, mobile
//! and whether they are a migrant worker (checked as they type; the API checks again). Field errors of the
//! answer land on the fields; a refusal (not eligible, closed, enrolled already) shows above the form.
import { Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import type { FormRule } from 'antd';
import { useEffect } from 'react';
import type { Course, EnrolPersonBody, FieldError } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { checkIdNumber } from '@/lib/id-number';
import { NAME_MAX } from '@/lib/member-form-values';
import { isValidMobile } from '@/lib/mobile-number';
import { applyProblemToForm } from '@/lib/problem';
import { personBody, type PersonFormValues } from './course-logic';
import { ownCourseErrorMessage } from './own-errors';

const FIELDS = ['name', 'id_number', 'mobile', 'migrant_worker'] as const;

/** The answer's `person.name` errors belong to the form's `name`. */
function withoutPerson(error: ApiError): ApiError {
  if (!error.problem || error.fieldErrors.length === 0) return error;
  const errors: FieldError[] = error.fieldErrors.map((e) => ({ ...e, field: e.field?.replace(/^person\.?/, '') || e.field }));
  return new ApiError(error.status, { ...error.problem, errors }, error.headers);
}

export function PersonEnrolModal({
  course,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  course: Pick<Course, 'title'>;
  pending: boolean;
  error: unknown;
  onSubmit: (person: EnrolPersonBody) => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t, tError, tFieldError } = i18n;
  const [form] = Form.useForm<PersonFormValues>();

  // Field errors of the last answer go onto the fields; anything else stays in the alert.
  useEffect(() => {
    if (error instanceof ApiError && error.status === 422) applyProblemToForm(withoutPerson(error), form, FIELDS, tFieldError, tError);
  }, [error, form, tFieldError, tError]);
  const showAlert = !!error && !(error instanceof ApiError && error.status === 422 && error.fieldErrors.length > 0);

  const required = (field: string): FormRule => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  const idRule: FormRule = {
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

  return (
    <Modal
      open
      title={t('myCourses.personTitle', { title: course.title })}
      okText={t('myCourses.enrol')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'my-person-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('myCourses.personIntro')}</Typography.Text>
        {showAlert && <ProblemAlert error={error} messages={[ownCourseErrorMessage(error, i18n)]} />}
        <Form<PersonFormValues>
          form={form}
          layout="vertical"
          disabled={pending}
          data-testid="my-person-form"
          onFinish={(values) => onSubmit(personBody(values))}
        >
          <Form.Item name="name" label={t('member.fields.name')} rules={[required(t('member.fields.name')), { max: NAME_MAX, message: t('validation.tooLong', { max: NAME_MAX }) }]}>
            <Input maxLength={NAME_MAX} autoComplete="name" data-testid="my-person-name" />
          </Form.Item>
          <Form.Item
            name="id_number"
            label={t('member.fields.id_number')}
            extra={t('member.idNumberHint')}
            rules={[required(t('member.fields.id_number')), idRule]}
          >
            <Input maxLength={22} autoComplete="off" spellCheck={false} data-testid="my-person-id-number" />
          </Form.Item>
          <Form.Item name="mobile" label={t('member.fields.mobile')} rules={[mobileRule]}>
            <Input inputMode="tel" autoComplete="tel" maxLength={20} data-testid="my-person-mobile" />
          </Form.Item>
          <Form.Item name="migrant_worker" valuePropName="checked">
            <Checkbox data-testid="my-person-migrant">{t('member.fields.migrant_worker')}</Checkbox>
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
