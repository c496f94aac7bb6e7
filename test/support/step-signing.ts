import { stepSigningInterceptor } from '../../api/step-signing';

/** The key the test workers check steps with and the test clients sign them with. */
export const testStepSigningKey = 'test-step-signing-key-0123456789abcdef0123456789abcdef';

/** Client interceptors that sign each step as the API does. */
export const signingInterceptors = () => ({ workflow: [stepSigningInterceptor(testStepSigningKey)] });
