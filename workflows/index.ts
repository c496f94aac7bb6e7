export { accreditationWorkflow } from './accreditation';
