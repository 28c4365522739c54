import { trouw } from "./trouw-client.mjs";

// Answers are keyed by question id (see the survey's definition); here the starter survey's.
const { submitSurveyResponse } = await trouw(
  `mutation ($input: SubmitSurveyResponseInput!, $key: String) {
    submitSurveyResponse(input: $input, idempotencyKey: $key) { id npsScore npsCategory }
  }`,
  {
    key: "survey-CUST-1001-1",
    input: {
      surveyId: process.env.SURVEY_ID,
      customerExternalId: "CUST-1001",
      answers: { satisfaction: 5, recommend: 9, recommend_why: "Fast delivery" },
    },
  },
);
console.log(JSON.stringify(submitSurveyResponse));
