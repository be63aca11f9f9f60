import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, Form } from 'antd';
import { useEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { applyProblemToForm } from '@/lib/problem';
import { renderWithProviders } from '@/test/render';
import { OrganisationForm } from './organisation-form';
import { ORGANISATION_FORM_FIELDS, type OrganisationFormValues } from './organisation-form-values';

function Harness({
  onFinish,
  initialValues,
  serverError,
}: {
  onFinish: (values: OrganisationFormValues) => void;
  initialValues?: Partial<OrganisationFormValues>;
  serverError?: ApiError;
}) {
  const [form] = Form.useForm<OrganisationFormValues>();
  const { tError, tFieldError } = useI18n();
  useEffect(() => {
    if (serverError) applyProblemToForm(serverError, form, ORGANISATION_FORM_FIELDS, tFieldError, tError);
  }, [serverError, form, tError, tFieldError]);
  return (
    <>
      <OrganisationForm form={form} initialValues={initialValues} onFinish={onFinish} />
      <Button onClick={() => form.submit()}>submit</Button>
    </>
  );
}

/** Typing key by key through antd is slow in jsdom; a change event is what the form listens to. */
function fill(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

describe('OrganisationForm', () => {
  it('requires a name and does not submit without one', async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness onFinish={onFinish} initialValues={{ kind: 'enterprise_union' }} />);
    await userEvent.click(screen.getByRole('button', { name: 'submit' }));
    expect(await screen.findByText('请填写组织名称')).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });

  it('rejects a division code that is not 6 digits', async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness onFinish={onFinish} initialValues={{ name: '南江县某某有限公司工会', kind: 'enterprise_union' }} />);
    fill('org-division-code', '51192');
    await userEvent.click(screen.getByRole('button', { name: 'submit' }));
    expect(await screen.findByText('行政区划代码应为 6 位数字')).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });

  it('rejects a credit code that is short or uses a letter outside the alphabet', async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness onFinish={onFinish} initialValues={{ name: '南江县某某有限公司工会', kind: 'enterprise_union' }} />);
    fill('org-credit-code', '91350100M000100Y4');
    await userEvent.click(screen.getByRole('button', { name: 'submit' }));
    expect(await screen.findByText(/统一社会信用代码应为 18 位/)).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();

    fill('org-credit-code', '91350100M00010OY43');
    await userEvent.click(screen.getByRole('button', { name: 'submit' }));
    expect(await screen.findByText(/统一社会信用代码应为 18 位/)).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });

  it('submits valid values', async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness onFinish={onFinish} initialValues={{ kind: 'enterprise_union' }} />);
    fill('org-name', '南江县某某有限公司工会');
    fill('org-division-code', '511922');
    fill('org-credit-code', '91350100M000100Y43');
    await userEvent.click(screen.getByRole('button', { name: 'submit' }));
    await waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    expect(onFinish.mock.calls[0]?.[0]).toMatchObject({
      name: '南江县某某有限公司工会',
      kind: 'enterprise_union',
      division_code: '511922',
      credit_code: '91350100M000100Y43',
    });
  });

  it('does not let women workers exceed the headcount', async () => {
    const onFinish = vi.fn();
    renderWithProviders(
      <Harness onFinish={onFinish} initialValues={{ name: '工会', kind: 'enterprise_union', headcount: 10, women_headcount: 12 }} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'submit' }));
    expect(await screen.findByText('女职工人数不能超过职工人数')).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });

  it('shows the server’s 422 errors on the matching fields', async () => {
    const serverError = new ApiError(422, {
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      code: 'validation_failed',
      errors: [
        { field: 'credit_code', code: 'invalid_checksum', message: 'check digit mismatch' },
        { field: 'name', code: 'too_long', message: 'too long' },
      ],
    } as ApiError['problem']);
    renderWithProviders(<Harness onFinish={vi.fn()} initialValues={{ name: 'x', kind: 'enterprise_union' }} serverError={serverError} />);
    expect(await screen.findByText('校验位不正确')).toBeInTheDocument();
    expect(await screen.findByText('内容过长')).toBeInTheDocument();
  });
});
