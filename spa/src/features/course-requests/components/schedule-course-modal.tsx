//! 排课 ("学校下单"): a draft course made from an open request, prefilled with the request's topic as title,
//! its category and place, run by the caller's own organisation. The course is created as a draft; staff add
//! sessions and publish it on the course page, and publishing tells every supporter. Mount it only while
//! open: each opening has a fresh form and Idempotency-Key.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Course, CourseRequest } from '@/api/types';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { newIdempotencyKey } from '@/lib/idempotency';
import { yuanToFen } from '@/lib/money';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { useMe } from '@/lib/session';
import { courseRequestKeys, scheduleCourseRequest } from '../api/course-requests';
import {
  isDivisionCode,
  remapScheduleProblem,
  SCHEDULE_FORM_FIELDS,
  scheduleBody,
  scheduleDefaults,
  type ScheduleFormValues,
} from './course-request-logic';

const TITLE_MAX = 100;
const DESCRIPTION_MAX = 2000;

export function ScheduleCourseModal({
  request,
  onClose,
  onSaved,
}: {
  request: CourseRequest;
  onClose: () => void;
  onSaved: (course: Course) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const codes = useCodes();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ScheduleFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [initialValues] = useState(() => scheduleDefaults(request, me?.organisation_id));
  const [messages, setMessages] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: (values: ScheduleFormValues) => scheduleCourseRequest(request.id, scheduleBody(values), idempotencyKey),
    onSuccess: async (course) => {
      await queryClient.invalidateQueries({ queryKey: courseRequestKeys.all });
      onSaved(course);
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 409 || error.status === 404) {
        // Scheduled by someone else meanwhile, or gone: the board shows how things stand.
        await queryClient.invalidateQueries({ queryKey: courseRequestKeys.all });
        return setMessages(conflictMessages(error, tError));
      }
      setMessages(applyProblemToForm(remapScheduleProblem(error), form, SCHEDULE_FORM_FIELDS, tFieldError, tError));
    },
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  const requiredValue = (field: string) => ({ required: true, message: t('validation.required', { field }) });

  return (
    <Modal
      open
      width={760}
      title={t('courseRequest.scheduleTitle', { topic: request.topic })}
      okText={t('courseRequest.scheduleSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'schedule-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('courseRequest.scheduleIntro', { supporters: request.supporters })}
        </Typography.Text>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<ScheduleFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          disabled={mutation.isPending}
          data-testid="schedule-form"
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="organisation_id"
                label={t('courseRequest.course.organisation_id')}
                rules={[requiredValue(t('courseRequest.course.organisation_id'))]}
              >
                <OrganisationSelect initialLabel={me?.organisation_name} data-testid="schedule-organisation" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="category"
                label={t('courseRequest.course.category')}
                rules={[requiredValue(t('courseRequest.course.category'))]}
              >
                <Select loading={codes.isPending} options={codes.options('course-categories')} data-testid="schedule-category" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="title"
                label={t('courseRequest.course.title')}
                rules={[required(t('courseRequest.course.title')), { max: TITLE_MAX, message: t('validation.tooLong', { max: TITLE_MAX }) }]}
              >
                <Input maxLength={TITLE_MAX} data-testid="schedule-title" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="venue" label={t('courseRequest.course.venue')} rules={[required(t('courseRequest.course.venue'))]}>
                <Input maxLength={100} data-testid="schedule-venue" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="venue_division"
                label={t('courseRequest.course.venue_division')}
                rules={[
                  required(t('courseRequest.course.venue_division')),
                  {
                    validator: (_rule, value: string | undefined) =>
                      !value || !value.trim() || isDivisionCode(value)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('courseRequest.divisionFormat'))),
                  },
                ]}
              >
                <Input inputMode="numeric" maxLength={8} data-testid="schedule-venue-division" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="venue_address"
                label={t('courseRequest.course.venue_address')}
                rules={[required(t('courseRequest.course.venue_address'))]}
              >
                <Input maxLength={200} data-testid="schedule-venue-address" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="enrol_window"
                label={t('courseRequest.course.enrol_window')}
                rules={[requiredValue(t('courseRequest.course.enrol_window'))]}
              >
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="max_places"
                label={t('courseRequest.course.max_places')}
                rules={[requiredValue(t('courseRequest.course.max_places'))]}
              >
                <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} data-testid="schedule-max-places" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="min_places"
                label={t('courseRequest.course.min_places')}
                dependencies={['max_places']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_rule, value: number | null | undefined) => {
                      const max = getFieldValue('max_places') as number | null | undefined;
                      return value === null || value === undefined || max === null || max === undefined || value <= max
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('courseRequest.minAboveMax')));
                    },
                  }),
                ]}
              >
                <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="fee_yuan"
                label={t('courseRequest.course.fee_yuan')}
                rules={[
                  {
                    validator: (_rule, value: string | undefined) =>
                      !value || !value.trim() || yuanToFen(value) !== null
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('courseRequest.feeFormat'))),
                  },
                ]}
              >
                <Input inputMode="decimal" suffix={t('courseRequest.yuan')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="completion_percent" label={t('courseRequest.course.completion_percent')}>
                <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="eligibility" label={t('courseRequest.course.eligibility')}>
                <Select loading={codes.isPending} options={codes.options('course-eligibilities')} data-testid="schedule-eligibility" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="partner_name" label={t('courseRequest.course.partner_name')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="description"
                label={t('courseRequest.course.description')}
                rules={[{ max: DESCRIPTION_MAX, message: t('validation.tooLong', { max: DESCRIPTION_MAX }) }]}
              >
                <Input.TextArea rows={3} maxLength={DESCRIPTION_MAX} showCount />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Space>
    </Modal>
  );
}
