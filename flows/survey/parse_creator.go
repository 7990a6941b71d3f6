package survey

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// A questionnaire exported from SurveyJS Creator is the SurveyJS part
// alone ({"title": …, "pages": […]}) with some display settings. Parse
// takes it as it is: the display settings (which Telegram has no use for)
// are left out, and the campaign gets its defaults, both said in
// Survey.Notes (sibu check prints them).

// creatorDisplay are the survey settings of SurveyJS Creator that only
// change how a web page shows the questionnaire.
var creatorDisplay = map[string]bool{
	"logo": true, "logoPosition": true, "logoWidth": true, "logoHeight": true, "logoFit": true,
	"showQuestionNumbers": true, "showProgressBar": true, "progressBarType": true, "showTitle": true,
	"showPageTitles": true, "showCompletedPage": true, "showNavigationButtons": true, "showPrevButton": true,
	"completedHtml": true, "completedBeforeHtml": true, "loadingHtml": true, "completeText": true,
	"pageNextText": true, "pagePrevText": true, "startSurveyText": true, "firstPageIsStarted": true,
	"widthMode": true, "width": true, "locale": true, "questionsOnPageMode": true, "focusFirstQuestionAutomatic": true,
	"checkErrorsMode": true, "textUpdateMode": true, "questionTitleLocation": true, "questionErrorLocation": true,
	"questionDescriptionLocation": true, "headerView": true, "cookieName": true,
}

// creatorNote is what Survey.Notes says of a Creator file's campaign.
const creatorNote = "a SurveyJS Creator file without a campaign: defaults applied — issued to the whole " +
	"organisation (the root unit), every role but monitors, not anonymous, no 满意 rule (no 满意率), " +
	"no opening or closing time, no reminders; add a \"campaign\" beside \"survey\" to change them"

// bareSurvey reports whether raw is a SurveyJS part alone (a Creator
// export): an object with a title, pages or elements and neither
// "campaign" nor "survey". It returns the part without its display
// settings, and the notes to make.
func bareSurvey(raw []byte) (json.RawMessage, []string, bool) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, nil, false
	}
	_, wrapped := top["survey"]
	_, campaign := top["campaign"]
	_, pages := top["pages"]
	_, elements := top["elements"]
	if wrapped || campaign || !pages && !elements {
		return nil, nil, false
	}
	var dropped []string
	for k := range top {
		if creatorDisplay[k] {
			dropped = append(dropped, k)
			delete(top, k)
		}
	}
	notes := []string{creatorNote}
	if len(dropped) > 0 {
		sort.Strings(dropped)
		notes = append(notes, "display settings left out (Telegram shows one question at a time): "+strings.Join(dropped, ", "))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(top); err != nil {
		return nil, nil, false
	}
	return b.Bytes(), notes, true
}
