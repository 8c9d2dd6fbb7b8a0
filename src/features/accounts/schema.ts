import { z } from 'zod';
import { ROLES } from '../../platform/auth/actor';

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'Enter an email address like name@example.org');
export const Password = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(256, 'Use at most 256 characters');
export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code');
export const RoleSchema = z.enum(ROLES);
export const StateCode = z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter state code');

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(256) });
export const SignInStage = z.enum(['complete', 'second_factor', 'enrol']);
export const LoginResponse = z.object({ stage: SignInStage });
export const TotpBody = z.object({ code: TotpCode });

export const SessionUser = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  hotlineId: z.string().uuid(),
  hotlineName: z.string(),
  states: z.array(z.string()),
  locale: z.enum(['en', 'es']),
});
export const SessionResponse = z.object({
  user: SessionUser,
  stage: SignInStage,
  mustChangePassword: z.boolean(),
});

export const EnrolmentResponse = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });

export const SetupStatus = z.object({ setupNeeded: z.boolean() });
export const SetupBody = z.object({
  token: z.string().min(20).max(200),
  hotlineName: z.string().trim().min(1).max(200),
  displayName: z.string().trim().min(1).max(200),
  email: Email,
  password: Password,
});

export const UserSummary = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  states: z.array(z.string()),
  totpEnrolled: z.boolean(),
  locked: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.date(),
});
export const UserList = z.object({ users: z.array(UserSummary) });

export const CreateUserBody = z.object({
  email: Email,
  displayName: z.string().trim().min(1).max(200),
  role: RoleSchema,
  states: z.array(StateCode).max(60).default([]),
  password: Password,
});
export const ResetPasswordBody = z.object({ password: Password });
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});
export const IdParams = z.object({ id: z.string().uuid() });
export const Ok = z.object({ ok: z.literal(true) });

export type LoginResponse = z.infer<typeof LoginResponse>;
export type SessionResponse = z.infer<typeof SessionResponse>;
export type UserSummary = z.infer<typeof UserSummary>;
