@echo off
chcp 65001 >nul
setlocal
rem Nouvelle fiche : pose les questions une à une (domaine, titre, valeurs) puis crée la fiche
rem (« synergies new »). Une fiche existante n'est jamais remplacée.
title Nouvelle fiche
rem pushd plutôt que cd : un dossier réseau (\\serveur\partage\...) reçoit une lettre de lecteur.
pushd "%~dp0"
rem Ce fichier doit être dans le dossier courant, sinon pushd a échoué.
if not exist "%~nx0" goto :dossier_inaccessible
set "SYNERGIES=%~dp0synergies.exe"
if not exist "%SYNERGIES%" set "SYNERGIES=synergies.exe"
rem Les questions sont posées même si la fenêtre ne ressemble pas à un terminal.
set "SYNERGIES_INTERACTIF=1"

echo Nouvelle fiche dans le registre "%~dp0"
echo Répondez à chaque question puis appuyez sur Entrée. Entrée seule : vous compléterez plus tard.
echo.
"%SYNERGIES%" new
set "STATUT=%ERRORLEVEL%"
popd
echo.
if "%STATUT%"=="0" echo Résultat : la fiche est créée, son chemin est indiqué ci-dessus. Ouvrez-la dans le Bloc-notes ^(clic droit, Ouvrir avec, Bloc-notes^), complétez-la, enregistrez, puis lancez « Vérifier les fiches ».
if "%STATUT%"=="1" echo Résultat : aucune fiche n'a été créée, voir le message ci-dessus.
if "%STATUT%"=="9009" echo Résultat : synergies.exe est introuvable. Il doit se trouver dans le même dossier que ce fichier.
goto :fin

:dossier_inaccessible
set "STATUT=3"
echo Le dossier "%~dp0" est inaccessible : vérifiez que le lecteur réseau est connecté.

:fin
echo Code de sortie : %STATUT% ^(0 : tout va bien^)
echo.
echo Appuyez sur une touche pour fermer cette fenêtre.
pause >nul
exit /b %STATUT%
