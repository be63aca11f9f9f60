//! The create/edit form for an organisation, with local validation. Server (422) errors are put on
//! the same fields by the caller through `applyProblemToForm`.
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '@/i18n/i18n-provider';
import type { Dictionary } from '@/i18n/zh-CN';
import {
  ALL_KINDS,
  ALL_OWNERSHIPS,
  CREDIT_CODE,
  DIVISION_CODE,
  HEADCOUNT_MAX,
  MAX_LENGTH,
  type OrganisationFormValues,
} from './organisation-form-values';

export interface OrganisationFormProps {
  form: FormInstance<OrganisationFormValues>;
  initialValues?: Partial<OrganisationFormValues>;
  onFinish: (values: OrganisationFormValues) => void;
  disabled?: boolean;
}

export function OrganisationForm({ form, initialValues, onFinish, disabled }: OrganisationFormProps) {
  const { t } = useI18n();
  const label = (field: Parameters<typeof fieldLabel>[0]) => fieldLabel(field, t);

  const optionalPattern = (pattern: RegExp, message: string): FormRule => ({
    validator: (_rule, value: string | undefined) =>
      !value || pattern.test(value.trim().toUpperCase()) ? Promise.resolve() : Promise.reject(new Error(message)),
  });
  const maxLength = (field: keyof typeof MAX_LENGTH): FormRule => ({
    max: MAX_LENGTH[field],
    message: t('validation.tooLong', { max: MAX_LENGTH[field] }),
  });
  const nonNegative: FormRule = {
    validator: (_rule, value: number | null | undefined) =>
      value === null || value === undefined || (Number.isInteger(value) && value >= 0 && value <= HEADCOUNT_MAX)
        ? Promise.resolve()
        : Promise.reject(new Error(t('validation.nonNegativeInt'))),
  };

  return (
    <Form<OrganisationFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={disabled}
      data-testid="organisation-form"
      scrollToFirstError
    >
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item
            name="name"
            label={label('name')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required', { field: label('name') }) },
              maxLength('name'),
            ]}
          >
            <Input data-testid="org-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="short_name" label={label('short_name')} rules={[maxLength('short_name')]}>
            <Input data-testid="org-short-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={label('kind')} rules={[{ required: true, message: t('validation.required', { field: label('kind') }) }]}>
            <Select
              data-testid="org-kind"
              options={ALL_KINDS.map((kind) => ({ value: kind, label: t(`organisation.kinds.${kind}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="division_code" label={label('division_code')} rules={[optionalPattern(DIVISION_CODE, t('validation.divisionCode'))]}>
            <Input maxLength={6} inputMode="numeric" data-testid="org-division-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="credit_code" label={label('credit_code')} rules={[optionalPattern(CREDIT_CODE, t('validation.creditCode'))]}>
            <Input maxLength={18} data-testid="org-credit-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="legal_person_certificate" label={label('legal_person_certificate')} rules={[maxLength('legal_person_certificate')]}>
            <Input data-testid="org-certificate" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label={label('address')} rules={[maxLength('address')]}>
            <Input data-testid="org-address" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="ownership" label={label('ownership')}>
            <Select
              allowClear
              data-testid="org-ownership"
              options={ALL_OWNERSHIPS.map((value) => ({ value, label: t(`organisation.ownerships.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="industry" label={label('industry')} rules={[maxLength('industry')]}>
            <Input data-testid="org-industry" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="headcount" label={label('headcount')} rules={[nonNegative]}>
            <InputNumber style={{ width: '100%' }} min={0} max={HEADCOUNT_MAX} precision={0} data-testid="org-headcount" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="women_headcount"
            label={label('women_headcount')}
            dependencies={['headcount']}
            rules={[
              nonNegative,
              ({ getFieldValue }) => ({
                validator: (_rule, value: number | null | undefined) => {
                  const headcount = getFieldValue('headcount') as number | null | undefined;
                  if (value === null || value === undefined || headcount === null || headcount === undefined || value <= headcount) {
                    return Promise.resolve();
                  }
                  return Promise.reject(new Error(t('validation.womenAboveHeadcount')));
                },
              }),
            ]}
          >
            <InputNumber style={{ width: '100%' }} min={0} max={HEADCOUNT_MAX} precision={0} data-testid="org-women-headcount" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="founded_on" label={label('founded_on')}>
            <DatePicker
              style={{ width: '100%' }}
              data-testid="org-founded-on"
              disabledDate={(date) => date.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="chair_name" label={label('chair_name')} rules={[maxLength('chair_name')]}>
            <Input data-testid="org-chair-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="chair_contact" label={label('chair_contact')} rules={[maxLength('chair_contact')]}>
            <Input data-testid="org-chair-contact" />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}

type FieldName = keyof Dictionary['organisation']['fields'];

function fieldLabel(field: FieldName, t: ReturnType<typeof useI18n>['t']): string {
  return t(`organisation.fields.${field}`);
}
