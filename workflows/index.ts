export { accreditationWorkflow } from './accreditation';
export { complaintWorkflow } from './complaint';
