;;; eglot-fix.el --- drive the kafkalint language server from Emacs eglot in batch mode  -*- lexical-binding: t -*-
;; Run by test/clients/eglot.test.ts:  emacs --batch -l eglot-fix.el
;; Environment: KAFKALINT_SERVER (server script), KAFKALINT_FILE (file to edit), KAFKALINT_RULE (rule
;; whose finding to fix), KAFKALINT_ACTION (title of the action to apply), KAFKALINT_OUT (JSON report).
;; Batch mode runs no idle timers and no post-command-hook, so this calls `eglot' directly and
;; signals didChange itself after the edit (eglot 1.9 internals; see research/real-clients.md §2).
(require 'eglot)
(require 'json)
(require 'cl-lib)

(defvar kafkalint-report nil)

(defun kafkalint--wait (pred timeout)
  "Pump process output until PRED is non-nil or TIMEOUT seconds pass."
  (let ((deadline (+ (float-time) timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (funcall pred)))

(defun kafkalint--lsp (diag)
  (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diag))))

(defun kafkalint--diagnostics ()
  (cl-loop for d in (flymake-diagnostics (point-min) (point-max))
           for lsp = (kafkalint--lsp d)
           when lsp
           collect `((line . ,(1- (line-number-at-pos (flymake-diagnostic-beg d))))
                     (code . ,(plist-get lsp :code))
                     (source . ,(plist-get lsp :source))
                     (ruleId . ,(or (plist-get (plist-get lsp :data) :ruleId) :null)))))

(defun kafkalint--find (code)
  (cl-find-if (lambda (d) (equal (plist-get (kafkalint--lsp d) :code) code))
              (flymake-diagnostics (point-min) (point-max))))

(defun kafkalint--run ()
  (let* ((server (getenv "KAFKALINT_SERVER"))
         (file (getenv "KAFKALINT_FILE"))
         (rule (getenv "KAFKALINT_RULE"))
         (wanted (getenv "KAFKALINT_ACTION")))
    (setq eglot-server-programs
          `((conf-javaprop-mode . ("node" ,server "--stdio" :initializationOptions (:debounceMs 0)))))
    (setq make-backup-files nil)
    (find-file file)
    (unless (derived-mode-p 'conf-javaprop-mode) (conf-javaprop-mode))
    (apply #'eglot (eglot--guess-contact))
    (unless (kafkalint--wait (lambda () (flymake-diagnostics (point-min) (point-max))) 20)
      (error "no diagnostics arrived"))
    (accept-process-output nil 0.2)
    (push (cons 'before (vconcat (kafkalint--diagnostics))) kafkalint-report)
    (let* ((diag (or (kafkalint--find rule) (error "no diagnostic for %s" rule)))
           (actions (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag) "quickfix"))
           (action (cl-find-if (lambda (a) (equal (plist-get a :title) wanted)) actions)))
      (push (cons 'titles (vconcat (mapcar (lambda (a) (plist-get a :title)) actions))) kafkalint-report)
      (unless action (error "action not offered: %s" wanted))
      (eglot--apply-workspace-edit (plist-get action :edit))
      (eglot--signal-textDocument/didChange))
    (unless (kafkalint--wait (lambda () (not (kafkalint--find rule))) 10)
      (error "the finding is still reported after the fix"))
    (accept-process-output nil 0.2)
    (push (cons 'after (vconcat (kafkalint--diagnostics))) kafkalint-report)
    (save-buffer)
    (let ((inhibit-message t)) (eglot-shutdown (eglot-current-server)))))

(let ((ok (condition-case err
              (progn (kafkalint--run) t)
            (error (push (cons 'error (error-message-string err)) kafkalint-report) nil))))
  (with-temp-file (getenv "KAFKALINT_OUT")
    (insert (json-encode kafkalint-report)))
  (kill-emacs (if ok 0 1)))
