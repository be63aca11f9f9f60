//! 新建课程 and 编辑课程: title, category, description, a partner (an organisation of the platform or a
//! named one), venue, address and division code, the fee (typed in yuan, sent in whole fen), places, the
//! enrolment window (local time, sent as RFC 3339 UTC), who may enrol and the completion rule. 422 errors
//! land on the fields; an edit sends the course's ETag and reloads it on 412.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space } from 'antd';
import type { FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { Course } from '@/api/types';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import type { Dictionary } from '@/i18n/zh-CN';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { newIdempotencyKey } from '@/lib/idempotency';
import { fenToYuan, yuanToFen } from '@/lib/money';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { useMe } from '@/lib/session';
import {
  courseKeys,
  createCourse,
  fetchCourse,
  refreshCourse,
  updateCourse,
  useOrganisationFacts,
  type VersionedCourse,
} from '../api/courses';
import {
  ADDRESS_MAX,
  COURSE_FORM_FIELDS,
  DESCRIPTION_MAX,
  DIVISION,
  FEE_MAX_FEN,
  newCourseValues,
  PARTNER_NAME_MAX,
  PLACES_MAX,
  remapCourseProblem,
  TITLE_MAX,
  toCourseFormValues,
  toCreateCourseBody,
  toUpdateCourseBody,
  VENUE_MAX,
  type CourseFormValues,
} from './course-logic';

type CourseField = keyof Dictionary['course']['fields'];

export type CourseFormModalProps =
  | { mode: 'create'; onClose: () => void; onSaved: (saved: Course) => void }
  | { mode: 'edit'; target: VersionedCourse; onClose: () => void; onSaved: (saved: Course) => void };

/** Mount it only while open: each opening starts with a fresh form and idempotency key. */
export function CourseFormModal(props: CourseFormModalProps) {
  const { t, tError, tFieldError } = useI18n();
  const codes = useCodes();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CourseFormValues>();
  // Only successful answers are kept under a key, so one key serves every attempt of this dialog.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [current, setCurrent] = useState<VersionedCourse | null>(props.mode === 'edit' ? props.target : null);
  const [messages, setMessages] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const course = current?.detail.course;

  const ownerId = Form.useWatch('organisation_id', form);
  const partnerKind = Form.useWatch('partner_kind', form);
  const owner = useOrganisationFacts(props.mode === 'create' ? ownerId : undefined).data;
  const partner = useOrganisationFacts(course?.partner_organisation_id).data;

  // A new course takes place where its owner is, unless the user says otherwise.
  useEffect(() => {
    if (props.mode !== 'create' || !owner?.division_code) return;
    if (!form.getFieldValue('venue_division')) form.setFieldsValue({ venue_division: owner.division_code });
  }, [owner?.division_code, props.mode, form]);

  const mutation = useMutation({
    mutationFn: async (values: CourseFormValues): Promise<Course> => {
      if (props.mode === 'create') return createCourse(toCreateCourseBody(values), idempotencyKey);
      if (!current) throw new Error('no course to edit');
      const body = toUpdateCourseBody(values, current.detail.course);
      // Nothing changed: nothing to send (a PATCH would still make a new version).
      if (Object.keys(body).length === 0) return current.detail.course;
      return updateCourse(current.detail.course.id, current.etag, body);
    },
    onSuccess: async (saved) => {
      await refreshCourse(queryClient, saved.id);
      props.onSaved(saved);
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 412 && current) {
        // Someone else saved first (or enrolments moved the version): load theirs and let the user check.
        const fresh = await fetchCourse(current.detail.course.id);
        queryClient.setQueryData(courseKeys.detail(fresh.detail.course.id), fresh);
        setCurrent(fresh);
        form.resetFields();
        form.setFieldsValue(toCourseFormValues(fresh.detail.course));
        setStale(true);
        setMessages([]);
        return;
      }
      if (error.status === 409) return setMessages(conflictMessages(error, tError));
      setMessages(applyProblemToForm(remapCourseProblem(error), form, COURSE_FORM_FIELDS, tFieldError, tError));
    },
  });

  const label = (field: CourseField) => t(`course.fields.${field}`);
  const required = (field: CourseField): FormRule => ({
    required: true,
    whitespace: true,
    message: t('validation.required', { field: label(field) }),
  });
  const maxFee = fenToYuan(FEE_MAX_FEN).replace(/\.00$/, '');

  const initialValues =
    props.mode === 'edit' ? toCourseFormValues(props.target.detail.course) : newCourseValues(me?.organisation_id);

  return (
    <Modal
      open
      width={820}
      title={props.mode === 'create' ? t('course.createTitle') : t('course.editTitle', { title: course?.title ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'course-form-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {stale && <Alert type="warning" showIcon message={t('course.staleReloaded')} data-testid="stale-alert" />}
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<CourseFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          disabled={mutation.isPending}
          data-testid="course-form"
          scrollToFirstError
          onFinish={(values) => {
            setStale(false);
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item
                name="title"
                label={label('title')}
                rules={[required('title'), { max: TITLE_MAX, message: t('validation.tooLong', { max: TITLE_MAX }) }]}
              >
                <Input maxLength={TITLE_MAX} data-testid="course-title" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="category" label={label('category')} rules={[required('category')]}>
                <Select options={codes.options('course-categories')} loading={codes.isPending} data-testid="course-category" />
              </Form.Item>
            </Col>
            {props.mode === 'create' && (
              <Col xs={24}>
                <Form.Item name="organisation_id" label={label('organisation_id')} rules={[required('organisation_id')]}>
                  <OrganisationSelect
                    initialLabel={ownerId === me?.organisation_id ? me?.organisation_name : owner?.name}
                    data-testid="course-organisation"
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24}>
              <Form.Item
                name="description"
                label={label('description')}
                rules={[{ max: DESCRIPTION_MAX, message: t('validation.tooLong', { max: DESCRIPTION_MAX }) }]}
              >
                <Input.TextArea rows={3} maxLength={DESCRIPTION_MAX} showCount data-testid="course-description" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="partner_kind" label={label('partner')}>
                <Radio.Group
                  optionType="button"
                  data-testid="course-partner-kind"
                  options={(['none', 'organisation', 'named'] as const).map((kind) => ({
                    value: kind,
                    label: t(`course.partnerKinds.${kind}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              {partnerKind === 'organisation' && (
                <Form.Item
                  name="partner_organisation_id"
                  label={label('partner_organisation_id')}
                  rules={[{ required: true, message: t('validation.required', { field: label('partner_organisation_id') }) }]}
                >
                  <OrganisationSelect
                    initialLabel={partner?.name ?? course?.partner_organisation_id ?? undefined}
                    data-testid="course-partner-organisation"
                  />
                </Form.Item>
              )}
              {partnerKind === 'named' && (
                <Form.Item
                  name="partner_name"
                  label={label('partner_name')}
                  extra={t('course.hints.partnerName')}
                  rules={[
                    required('partner_name'),
                    { max: PARTNER_NAME_MAX, message: t('validation.tooLong', { max: PARTNER_NAME_MAX }) },
                  ]}
                >
                  <Input maxLength={PARTNER_NAME_MAX} data-testid="course-partner-name" />
                </Form.Item>
              )}
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="venue"
                label={label('venue')}
                rules={[required('venue'), { max: VENUE_MAX, message: t('validation.tooLong', { max: VENUE_MAX }) }]}
              >
                <Input maxLength={VENUE_MAX} data-testid="course-venue" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="venue_address"
                label={label('venue_address')}
                rules={[required('venue_address'), { max: ADDRESS_MAX, message: t('validation.tooLong', { max: ADDRESS_MAX }) }]}
              >
                <Input maxLength={ADDRESS_MAX} data-testid="course-venue-address" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="venue_division"
                label={label('venue_division')}
                extra={props.mode === 'create' ? t('course.hints.division') : undefined}
                rules={[
                  required('venue_division'),
                  {
                    validator: (_rule, value: string | undefined) =>
                      !value || DIVISION.test(value.trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('validation.divisionCode'))),
                  },
                ]}
              >
                <Input maxLength={6} inputMode="numeric" data-testid="course-venue-division" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="fee_yuan"
                label={label('fee_yuan')}
                extra={t('course.hints.fee')}
                rules={[
                  {
                    validator: (_rule, value: string | undefined | null) => {
                      if (value === undefined || value === null || value.trim() === '') return Promise.resolve();
                      const fen = yuanToFen(value);
                      if (fen === null) return Promise.reject(new Error(t('course.validation.fee')));
                      if (fen > FEE_MAX_FEN) return Promise.reject(new Error(t('course.validation.maxFee', { max: maxFee })));
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <Input inputMode="decimal" data-testid="course-fee-yuan" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="min_places"
                label={label('min_places')}
                extra={t('course.hints.minPlaces')}
                dependencies={['max_places']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_rule, value: number | null | undefined) => {
                      if (value === null || value === undefined) return Promise.resolve();
                      const max = getFieldValue('max_places') as number | null | undefined;
                      if (value < 0 || (typeof max === 'number' && value > max)) {
                        return Promise.reject(new Error(t('course.validation.minPlaces')));
                      }
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <InputNumber min={0} max={PLACES_MAX} precision={0} style={{ width: '100%' }} data-testid="course-min-places" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="max_places"
                label={label('max_places')}
                extra={t('course.hints.maxPlaces')}
                rules={[
                  { required: true, message: t('validation.required', { field: label('max_places') }) },
                  {
                    type: 'integer',
                    min: 1,
                    max: PLACES_MAX,
                    message: t('course.validation.maxPlaces', { max: PLACES_MAX }),
                  },
                ]}
              >
                <InputNumber min={1} max={PLACES_MAX} precision={0} style={{ width: '100%' }} data-testid="course-max-places" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="enrol_window"
                label={label('enrol_window')}
                required
                extra={t('course.hints.window')}
                rules={[
                  {
                    validator: (_rule, value: [Dayjs | null, Dayjs | null] | null | undefined) => {
                      if (!value?.[0] || !value[1]) return Promise.reject(new Error(t('course.validation.window')));
                      if (!value[1].isAfter(value[0])) return Promise.reject(new Error(t('course.validation.windowOrder')));
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  data-testid="course-enrol-window"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="completion_percent"
                label={label('completion_percent')}
                extra={t('course.hints.completion')}
                rules={[
                  { required: true, message: t('validation.required', { field: label('completion_percent') }) },
                  { type: 'integer', min: 1, max: 100, message: t('course.validation.completion') },
                ]}
              >
                <InputNumber min={1} max={100} precision={0} addonAfter="%" data-testid="course-completion" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="eligibility"
                label={label('eligibility')}
                extra={t('course.hints.eligibility')}
                rules={[required('eligibility')]}
              >
                <Radio.Group data-testid="course-eligibility" options={codes.options('course-eligibilities')} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Space>
    </Modal>
  );
}
