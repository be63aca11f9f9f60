//! The create/edit form for a member. The ID number is checked as it is typed (GB 11643) and the birth
//! date and gender it implies are shown under it. Server (422) errors are put on the same fields by the
//! caller through `applyProblemToForm`.
import { Checkbox, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { OrganisationSelect } from '@/components/organisation-select';
import { useI18n } from '@/i18n/i18n-provider';
import type { Dictionary } from '@/i18n/zh-CN';
import { useCodes, type CodeListName } from '@/lib/code-lists';
import { checkIdNumber } from '@/lib/id-number';
import { HUKOU_DIVISION, NAME_MAX, type MemberFormValues } from '@/lib/member-form-values';
import { isValidMobile } from '@/lib/mobile-number';

export interface MemberFormProps {
  form: FormInstance<MemberFormValues>;
  mode: 'create' | 'edit';
  initialValues?: Partial<MemberFormValues>;
  /** Label of a preselected union (create). */
  organisationLabel?: string;
  /** The current masked numbers (edit): shown as what a blank field keeps. */
  maskedIdNumber?: string;
  maskedMobile?: string | null;
  onFinish: (values: MemberFormValues) => void;
  disabled?: boolean;
  /** More fields after the member's (e.g. a join request's reason). */
  children?: ReactNode;
}

type FieldName = keyof Dictionary['member']['fields'];

export function MemberForm({
  form,
  mode,
  initialValues,
  organisationLabel,
  maskedIdNumber,
  maskedMobile,
  onFinish,
  disabled,
  children,
}: MemberFormProps) {
  const { t } = useI18n();
  const codes = useCodes();
  const label = (field: FieldName) => t(`member.fields.${field}`);
  const required = (field: FieldName): FormRule => ({
    required: true,
    whitespace: true,
    message: t('validation.required', { field: label(field) }),
  });

  const idNumber = Form.useWatch('id_number', form);
  const newFormEmployment = Form.useWatch('new_form_employment', form);
  const checked = idNumber ? checkIdNumber(idNumber) : null;
  const implied =
    checked?.ok === true
      ? t('member.idImplies', { birth: checked.birthDate, gender: codes.label('genders', checked.gender) })
      : undefined;

  const idNumberRule: FormRule = {
    validator: (_rule, value: string | undefined) => {
      if (!value || !value.trim()) return Promise.resolve();
      const result = checkIdNumber(value);
      if (result.ok) return Promise.resolve();
      const message =
        result.reason === 'checksum'
          ? t('validation.idNumberChecksum')
          : result.reason === 'birth_date'
            ? t('validation.idNumberDate')
            : t('validation.idNumberFormat');
      return Promise.reject(new Error(message));
    },
  };
  const mobileRule: FormRule = {
    validator: (_rule, value: string | undefined) =>
      !value || !value.trim() || isValidMobile(value) ? Promise.resolve() : Promise.reject(new Error(t('validation.mobile'))),
  };
  const hukouRule: FormRule = {
    validator: (_rule, value: string | undefined) =>
      !value || HUKOU_DIVISION.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('validation.hukouDivision'))),
  };

  const codeSelect = (list: CodeListName, testId: string, extra?: { disabled?: boolean }) => (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      loading={codes.isPending}
      options={codes.options(list)}
      data-testid={testId}
      disabled={extra?.disabled}
    />
  );

  return (
    <Form<MemberFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={disabled}
      data-testid="member-form"
      scrollToFirstError
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label={label('name')}
            rules={[required('name'), { max: NAME_MAX, message: t('validation.tooLong', { max: NAME_MAX }) }]}
          >
            <Input data-testid="member-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="id_number"
            label={label('id_number')}
            rules={mode === 'create' ? [required('id_number'), idNumberRule] : [idNumberRule]}
            extra={<span data-testid="member-id-implies">{implied ?? t('member.idNumberHint')}</span>}
          >
            <Input
              maxLength={22}
              autoComplete="off"
              data-testid="member-id-number"
              placeholder={mode === 'edit' && maskedIdNumber ? t('member.keepMaskedHint', { masked: maskedIdNumber }) : undefined}
            />
          </Form.Item>
        </Col>
        {mode === 'create' && (
          <Col xs={24}>
            <Form.Item
              name="organisation_id"
              label={label('organisation_id')}
              rules={[{ required: true, message: t('validation.required', { field: label('organisation_id') }) }]}
            >
              <OrganisationSelect initialLabel={organisationLabel} holdsMembers data-testid="member-organisation" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="mobile" label={label('mobile')} rules={[mobileRule]}>
            <Input
              autoComplete="off"
              inputMode="tel"
              data-testid="member-mobile"
              placeholder={mode === 'edit' && maskedMobile ? t('member.keepMaskedHint', { masked: maskedMobile }) : undefined}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="joined_on" label={label('joined_on')}>
            <DatePicker
              style={{ width: '100%' }}
              data-testid="member-joined-on"
              disabledDate={(date) => date.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="ethnicity" label={label('ethnicity')}>
            {codeSelect('ethnicities', 'member-ethnicity')}
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="education" label={label('education')}>
            {codeSelect('education-levels', 'member-education')}
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="political_status" label={label('political_status')}>
            {codeSelect('political-statuses', 'member-political-status')}
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="hukou_type" label={label('hukou_type')}>
            {codeSelect('hukou-types', 'member-hukou-type')}
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="hukou_division" label={label('hukou_division')} rules={[hukouRule]}>
            <Input maxLength={6} inputMode="numeric" data-testid="member-hukou-division" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="employment_status" label={label('employment_status')}>
            {codeSelect('employment-statuses', 'member-employment-status')}
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="skill_level" label={label('skill_level')}>
            {codeSelect('skill-levels', 'member-skill-level')}
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item name="migrant_worker" valuePropName="checked">
            <Checkbox data-testid="member-migrant-worker">{label('migrant_worker')}</Checkbox>
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item name="dispatched" valuePropName="checked">
            <Checkbox data-testid="member-dispatched">{label('dispatched')}</Checkbox>
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item name="new_form_employment" valuePropName="checked">
            <Checkbox data-testid="member-new-form-employment">{label('new_form_employment')}</Checkbox>
          </Form.Item>
        </Col>
        {newFormEmployment && (
          <Col xs={24} md={12}>
            <Form.Item name="new_form_kind" label={label('new_form_kind')}>
              {codeSelect('new-form-employment-kinds', 'member-new-form-kind')}
            </Form.Item>
          </Col>
        )}
      </Row>
      {children}
    </Form>
  );
}
