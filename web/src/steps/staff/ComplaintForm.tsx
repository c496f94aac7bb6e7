import { Navigate } from 'react-router';
import { complaintFormPath } from '../../cases/complaint-form';
import type { StepFormProps } from '../types';
import { CaseStaffStep } from './CaseStaffStep';

/**
 * "Beschwerde erfassen" of a case (an old link or bookmark): the complaint form of the complaint's
 * own life cycle, with the organisation filled in.
 */
export function Component({ accreditationId }: StepFormProps) {
  return (
    <CaseStaffStep accreditationId={accreditationId} step="ReceiveComplaint">
      {({ view }) => <Navigate replace to={complaintFormPath(view.file.organisationName)} />}
    </CaseStaffStep>
  );
}
