import Course

@main enum Main { static func main() { LessonCommand<CharModelLesson>.main() } }
