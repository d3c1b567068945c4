import { SurveyLinkCard } from './SurveyLinkCard';

/** /settings/survey — the public survey real customers answer, and its link. */
export function SurveyLinkPage() {
  return (
    <div className="page page--narrow" data-testid="survey-link-page">
      <div className="page__head">
        <div>
          <h1 className="page-title">Survey link</h1>
          <p className="muted">
            A public survey page for this workspace: share its link, and the answers show how well your personas match the people you actually serve. The survey
            names your company as set in Settings → Company.
          </p>
        </div>
      </div>
      <SurveyLinkCard />
    </div>
  );
}
